# ref: a bound method object holds a reference to its instance
import sys
class C:
    def m(self):
        return 1
c = C()
print("instance:", sys.getrefcount(c))
bm = c.m
print("with a bound method:", sys.getrefcount(c))
print("bound method's self is c:", bm.__self__ is c)
del bm
print("bound method dropped:", sys.getrefcount(c))
calls = [c.m for _ in range(3)]
print("three bound methods:", sys.getrefcount(c))
