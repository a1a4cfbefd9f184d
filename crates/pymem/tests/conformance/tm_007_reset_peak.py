# tm: peak remembers the high-water mark until reset_peak()
import tracemalloc
tracemalloc.start()
tmp = bytes(100000)
del tmp
cur, peak = tracemalloc.get_traced_memory()
print("peak >= 100033 after freeing:", peak >= 100033, "current small:", cur < 1000)
tracemalloc.reset_peak()
cur2, peak2 = tracemalloc.get_traced_memory()
print("after reset_peak, peak close to current:", peak2 - cur2 < 1000)
tracemalloc.stop()
