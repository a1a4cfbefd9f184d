# tm: list(range(1000)) = 56-byte list object + 8000-byte item buffer + 743 ints above 256 at 32 bytes
import tracemalloc
x = t0 = t1 = None          # bind the globals first: adding a new global can resize the module dict
tracemalloc.start()
t0 = tracemalloc.get_traced_memory()[0]
x = list(range(1000))
t1 = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
print("delta:", t1 - t0)
print("56 + 8000 + 743 * 32 =", 56 + 8000 + 743 * 32)
