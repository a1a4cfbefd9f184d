# doc example 2 made visible: after del the cycle survives refcounting; gc.collect() frees 2 objects
import gc, sys, weakref
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
gc.collect()
a = Node(1)
b = Node(2)
a.next = b
b.next = a
print("refcounts:", sys.getrefcount(a), sys.getrefcount(b))
ra = weakref.ref(a)
rb = weakref.ref(b)
del a, b
print("after del, still alive:", ra() is not None, rb() is not None)
print("values:", ra().value, rb().value, ra().next is rb())
print("gc.collect() found:", gc.collect())
print("after collect, alive:", ra() is not None, rb() is not None)
print("second collect:", gc.collect())
