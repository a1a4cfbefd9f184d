# del: in gc, weakref callbacks run first, then __del__ (where the weakref is already dead)
import gc, weakref
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name, "weakref dead:", r() is None)
gc.collect()
a = T("a")
a.self_ref = a
r = weakref.ref(a, lambda ref: print("  weakref callback"))
del a
print("collect:", gc.collect())
