# A Counter is an instance of a Python class extending dict: its object is a
# dict's 64 bytes plus the weakref slot and the managed-dict pre-header.
import sys
import tracemalloc
from collections import Counter

Counter()
tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
c = Counter()
print(tracemalloc.get_traced_memory()[0] - before, sys.getsizeof(c), sys.getsizeof({}))
c["x"] += 1
print(c, sys.getsizeof(c))
tracemalloc.stop()
