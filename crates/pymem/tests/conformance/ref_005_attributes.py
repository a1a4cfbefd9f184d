# ref: instance attributes, class attributes and __slots__ each hold a reference
import sys
class Box:
    pass
class Slot:
    __slots__ = ("item",)
o = object()
base = sys.getrefcount(o)
b = Box()
b.item = o
print("instance attribute:", sys.getrefcount(o) - base)
Box.shared = o
print("+ class attribute:", sys.getrefcount(o) - base)
s = Slot()
s.item = o
print("+ slot:", sys.getrefcount(o) - base)
del b.item
print("del instance attribute:", sys.getrefcount(o) - base)
del s
print("slot owner freed:", sys.getrefcount(o) - base)
