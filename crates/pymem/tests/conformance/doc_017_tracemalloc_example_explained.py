# doc example 8 explained: the traced bytes are the item buffer plus one 32-byte int per value > 256
import sys, tracemalloc
tracemalloc.start()
x = [i for i in range(1000000)]
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
buffer = sys.getsizeof(x) - sys.getsizeof([])
print("buffer bytes:", buffer, "capacity:", buffer // 8)
print("new int objects:", 1000000 - 257, "x 32 bytes =", (1000000 - 257) * 32)
print("sum equals current:", buffer + (1000000 - 257) * 32 == current)
print("peak - current:", peak - current)
