# gc: freeing tracked objects lowers the generation-0 count (measured first, printed at the end)
import gc
class K:
    pass
gc.collect()
c0 = gc.get_count()[0]
objs = [K() for _ in range(50)]
c1 = gc.get_count()[0]
del objs
c2 = gc.get_count()[0]
print("50 instances + list (+ temporaries):", c1 - c0)
print("after del:", c2 - c1)
