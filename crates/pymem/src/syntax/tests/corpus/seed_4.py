a = 100
b = 100
print(a is b)  # True (same memory location)

x = 1000
y = 1000
print(x is y)  # False (different memory locations for larger integers)
