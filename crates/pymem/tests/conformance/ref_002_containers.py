# ref: references held by list, tuple, dict (key and value), set, and [o] * 5
import sys
o = object()
base = sys.getrefcount(o)
lst = [o, o, o]
print("list of 3:", sys.getrefcount(o) - base)
t = (o, lst)
print("+ tuple of 1:", sys.getrefcount(o) - base)
d = {o: o}
print("+ dict key and value:", sys.getrefcount(o) - base)
s = {o}
print("+ set:", sys.getrefcount(o) - base)
many = [o] * 5
print("+ [o] * 5:", sys.getrefcount(o) - base)
lst.clear()
print("list cleared:", sys.getrefcount(o) - base)
del t, d, s, many
print("all dropped:", sys.getrefcount(o) - base)
