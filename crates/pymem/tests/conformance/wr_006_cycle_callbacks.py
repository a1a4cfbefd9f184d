# wr: weakrefs to objects in a garbage cycle are cleared, and their callbacks run, during gc.collect()
import gc, weakref
class Node:
    pass
gc.collect()
a = Node()
b = Node()
a.o = b
b.o = a
events = []
ra = weakref.ref(a, lambda r: events.append("a cleared"))
rb = weakref.ref(b, lambda r: events.append("b cleared"))
del a, b
print("before collect:", events, ra() is not None)
n = gc.collect()
print("collected:", n, "callbacks:", sorted(events), "refs dead:", ra() is None, rb() is None)
