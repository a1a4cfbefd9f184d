import sys

count = 42
name = "memory"
items = [count, name, 3.5]    # a list that refers to three objects
print(type(items).__name__, sys.getsizeof(items), "bytes")
print(items[0] is count)      # the list holds a reference, not a copy
