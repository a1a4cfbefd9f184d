# REPL: doc example 4 typed line by line: each line is its own compile, so 1000 is two objects
a = 100
b = 100
print(a is b)  # True (same memory location)

x = 1000
y = 1000
print(x is y)  # False (different memory locations for larger integers)
