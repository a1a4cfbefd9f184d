# size: instances with a __dict__ vs __slots__ (8 bytes per slot), including inherited slots
import sys
class Plain:
    def __init__(self):
        self.a = 1
        self.b = 2
class S1:
    __slots__ = ("a",)
class S3:
    __slots__ = ("a", "b", "c")
class S3Child(S3):
    __slots__ = ("d",)
class PlainChild(S3):
    pass
print("plain:", sys.getsizeof(Plain()))
print("slots 1 / 3 / 3+1:", sys.getsizeof(S1()), sys.getsizeof(S3()), sys.getsizeof(S3Child()))
print("subclass without __slots__ gets a __dict__ again:", sys.getsizeof(PlainChild()))
p = Plain()
print("instance + its materialised __dict__:", sys.getsizeof(p) + sys.getsizeof(p.__dict__))
