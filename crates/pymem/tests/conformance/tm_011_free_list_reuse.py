# tm: objects reused from free lists (floats, lists) are not new allocations
import tracemalloc
garbage = [float(i) for i in range(50)]
del garbage
tracemalloc.start()
t0 = tracemalloc.get_traced_memory()[0]
f = float("3.5")
t1 = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
print("float taken from the free list:", t1 - t0)
