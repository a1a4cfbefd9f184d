# del: in a garbage cycle all finalizers run (in gc order) before any object is cleared
import gc
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name, "partner:", self.partner.name)
gc.collect()
a = T("a")
b = T("b")
c = T("c")
a.partner = b
b.partner = c
c.partner = a
del a, b, c
print("collecting")
print("collected:", gc.collect())
