import sys
x = [1, 2, 3]
print(sys.getsizeof(x))  # Output: Size of the list in bytes
