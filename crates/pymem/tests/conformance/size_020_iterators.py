# size: iterator and lazy objects are small and fixed-size
import sys
lst = list(range(1000))
print("iter(list):", sys.getsizeof(iter(lst)), "iter(range):", sys.getsizeof(iter(range(10))))
print("enumerate:", sys.getsizeof(enumerate(lst)), "zip:", sys.getsizeof(zip(lst, lst)))
print("map:", sys.getsizeof(map(abs, lst)), "filter:", sys.getsizeof(filter(None, lst)))
print("reversed:", sys.getsizeof(reversed(lst)), "dict keys:", sys.getsizeof({}.keys()))
