# del: with gc disabled, a cycle with __del__ waits until gc.collect() is called explicitly
import gc
class T:
    def __del__(self):
        print("  __del__")
gc.collect()
gc.disable()
t = T()
t.me = t
del t
junk = [[] for _ in range(2000)]
print("2000 allocations later, still not finalized")
print("collect:", gc.collect())
gc.enable()
