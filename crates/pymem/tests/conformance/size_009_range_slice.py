# size: range objects are 48 bytes whatever they cover; slices 56; a list of the range is much larger
import sys
print([sys.getsizeof(r) for r in (range(0), range(10), range(10 ** 6), range(-5, 10 ** 18, 7))])
print("list(range(1000)):", sys.getsizeof(list(range(1000))))
print("slice:", sys.getsizeof(slice(1, 10, 2)))
