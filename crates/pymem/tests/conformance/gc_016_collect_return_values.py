# gc: gc.collect() counts every object in unreachable cycles (lists, dicts, tuples, sets)
import gc
gc.collect()
a = [1]
b = [a]
a.append(b)
del a, b
print("two lists:", gc.collect())
d = {}
e = {"d": d}
d["e"] = e
del d, e
print("two dicts:", gc.collect())
l = []
t = (l,)
l.append(t)
del l, t
print("list + tuple:", gc.collect())
ring = [[] for _ in range(100)]
for i in range(100):
    ring[i].append(ring[(i + 1) % 100])
del ring
print("ring of 100 lists:", gc.collect())
hub = []
spokes = [[hub] for _ in range(5)]
hub.extend(spokes)
del hub, spokes
print("hub and 5 spokes plus the spokes list:", gc.collect())
