# ref: dict stores, overwrites, pops and copies
import sys
v = object()
base = sys.getrefcount(v)
d = {}
d[1] = v
d[2] = v
print("two values:", sys.getrefcount(v) - base)
d[1] = None
print("one overwritten:", sys.getrefcount(v) - base)
e = dict(d)
print("shallow copy:", sys.getrefcount(v) - base)
popped = e.pop(2)
print("popped into a name:", sys.getrefcount(v) - base)
del popped, e
print("copy and name gone:", sys.getrefcount(v) - base)
d.clear()
print("cleared:", sys.getrefcount(v) - base)
