# size: tuple = 40 + 8 per item, exact (no over-allocation); nested items are not counted
import sys
print([sys.getsizeof(tuple(range(n))) for n in range(11)])
print("tuple of big lists:", sys.getsizeof(([0] * 1000, [0] * 1000)))
print("tuple(list) of 3:", sys.getsizeof(tuple([1, 2, 3])), "literal:", sys.getsizeof((1, 2, 3)))
