# gc: callbacks receive ("start"|"stop", info) with generation, collected, uncollectable
import gc
records = []
def cb(phase, info):
    records.append((phase, sorted(info), info["generation"], info["collected"]))
gc.collect()
gc.callbacks.append(cb)
a = []
a.append(a)
del a
gc.collect(0)
gc.collect(1)
gc.collect(2)
gc.callbacks.remove(cb)
for r in records:
    print(r)
print("callbacks list now empty:", gc.callbacks == [])
