# The document's tracemalloc example, as written: a million-int list built
# while tracemalloc traces every allocation.
import tracemalloc

tracemalloc.start()
x = [i for i in range(1000000)]
print(tracemalloc.get_traced_memory())  # Current and peak memory usage
tracemalloc.stop()
