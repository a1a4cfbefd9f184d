# tm: is_tracing, get_traced_memory before start, after start, after stop
import tracemalloc
print("tracing:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start()
print("tracing:", tracemalloc.is_tracing(), "traceback limit:", tracemalloc.get_traceback_limit())
keep = bytes(5000)
print("something traced:", tracemalloc.get_traced_memory()[0] >= 5000)
tracemalloc.stop()
print("tracing:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
