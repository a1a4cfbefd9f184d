# wr: on refcount death, __del__ runs before weakref callbacks and finalize
import weakref
class Thing:
    def __del__(self):
        print("__del__")
t = Thing()
weakref.finalize(t, print, "finalize")
r = weakref.ref(t, lambda ref: print("weakref callback"))
del t
print("end")
