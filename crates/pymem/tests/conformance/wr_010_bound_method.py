# wr: a weakref to a bound method dies at once (the method object is temporary)
import weakref
class C:
    def m(self):
        return 1
c = C()
r = weakref.ref(c.m)
print("weakref to c.m:", r())
def f():
    return 2
rf = weakref.ref(f)
print("weakref to a function:", rf() is f)
