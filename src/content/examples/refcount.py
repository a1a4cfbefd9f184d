import sys

x = [1, 2, 3]              # a list is created: one reference (x)
print(sys.getrefcount(x))  # 2: x, plus getrefcount's own argument
y = x                      # a second name for the same list
print(sys.getrefcount(x))  # 3
del x                      # one reference fewer
print(sys.getrefcount(y))  # 2
del y                      # no references left: the list is freed
