# gc: a cycle that survived collections sits in an older generation; young collections miss it
import gc
class Node:
    pass
gc.collect()
a = Node()
b = Node()
a.o = b
b.o = a
gc.collect()
del a, b
r0 = gc.collect(0)
r1 = gc.collect(1)
r2 = gc.collect(2)
print("collect(0):", r0, "collect(1):", r1, "collect(2):", r2)
c = Node()
c.o = c
del c
print("new cycle, collect(0):", gc.collect(0))
d = Node()
d.o = d
gc.collect(0)
del d
print("survived one gen-0 collection -> gen 1: collect(0):", gc.collect(0), "collect(1):", gc.collect(1))
