# doc example 4 run as written: in a script 1000 is one shared constant, so x is y is True here
a = 100
b = 100
print(a is b)  # True (same memory location)

x = 1000
y = 1000
print(x is y)  # False (different memory locations for larger integers)
