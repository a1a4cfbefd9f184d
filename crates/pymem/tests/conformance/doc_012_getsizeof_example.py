# doc example 6 run as written: sys.getsizeof of a 3-item list literal
import sys
x = [1, 2, 3]
print(sys.getsizeof(x))  # Output: Size of the list in bytes
