# del: __slots__ instances with __del__ in a cycle are finalized and collected too
import gc
class S:
    __slots__ = ("name", "other")
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)
gc.collect()
x = S("x")
y = S("y")
x.other = y
y.other = x
del x, y
print("refcounting alone did nothing; collecting")
print("collected:", gc.collect())
