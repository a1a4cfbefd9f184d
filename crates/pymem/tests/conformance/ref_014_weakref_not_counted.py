# ref: weak references do not add to the reference count
import sys, weakref
class C:
    pass
c = C()
print("strong only:", sys.getrefcount(c))
r1 = weakref.ref(c)
r2 = weakref.ref(c, lambda r: None)
print("with two weakrefs:", sys.getrefcount(c))
strong = r1()
print("after dereferencing into a name:", sys.getrefcount(c))
