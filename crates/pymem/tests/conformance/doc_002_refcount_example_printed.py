# doc example 1 made visible: sys.getrefcount after each step (+1 for the call's own argument)
import sys
x = [1, 2, 3]
print("x = [1, 2, 3]:", sys.getrefcount(x))
y = x
print("y = x:", sys.getrefcount(x), sys.getrefcount(y))
del x
print("del x:", sys.getrefcount(y))
holder = [y, y]
print("two more refs from a list:", sys.getrefcount(y))
del holder
print("list gone:", sys.getrefcount(y))
