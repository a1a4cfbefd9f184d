# gc: is_finalized becomes True once the collector has run an object's __del__ (here: resurrected)
import gc
saved = []
class R:
    def __del__(self):
        saved.append(self)
a = R()
b = R()
a.o = b
b.o = a
print("before:", gc.is_finalized(a), gc.is_finalized(b))
del a, b
print("collect:", gc.collect())
print("resurrected:", len(saved), "finalized:", [gc.is_finalized(x) for x in saved])
print("plain object:", gc.is_finalized(object()))
saved.clear()
print("collect after letting go:", gc.collect())
