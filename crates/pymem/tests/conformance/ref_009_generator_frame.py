# ref: a suspended generator's frame keeps its arguments and locals alive
import sys
def gen(obj):
    yield 1
    yield 2
o = object()
print("before:", sys.getrefcount(o))
g = gen(o)
print("generator created:", sys.getrefcount(o))
next(g)
print("suspended at yield:", sys.getrefcount(o))
for _ in g:
    pass
print("generator finished:", sys.getrefcount(o))
g2 = gen(o)
del g2
print("unstarted generator deleted:", sys.getrefcount(o))
