# size: getsizeof = __sizeof__() + 16-byte GC header (+ 16 more for the 3.11 managed-dict pre-header of instances with a __dict__)
import sys
class Big:
    def __sizeof__(self):
        return 100
class EmptySlots:
    __slots__ = ()
    def __sizeof__(self):
        return 100
print("Big().__sizeof__():", Big().__sizeof__(), "getsizeof:", sys.getsizeof(Big()))
print("empty-slots class with the same __sizeof__:", sys.getsizeof(EmptySlots()))
print("list: __sizeof__", [].__sizeof__(), "getsizeof", sys.getsizeof([]))
print("int (not GC-tracked): __sizeof__", (5).__sizeof__(), "getsizeof", sys.getsizeof(5))
class Plain:
    pass
print("plain instance: __sizeof__", Plain().__sizeof__(), "getsizeof", sys.getsizeof(Plain()))
