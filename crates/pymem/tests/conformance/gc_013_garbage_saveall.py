# gc: gc.garbage is empty normally; DEBUG_SAVEALL keeps everything collected
import gc
print("garbage:", gc.garbage, "DEBUG_SAVEALL =", gc.DEBUG_SAVEALL)
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
print("get_debug:", gc.get_debug())
a = [1]
b = [2]
a.append(b)
b.append(a)
del a, b
print("collected:", gc.collect())
print("saved:", sorted(x[0] for x in gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
print("freed for real now:", gc.collect())
