# gc: which objects are tracked by the cyclic collector
import gc
class K:
    pass
class S:
    __slots__ = ("a",)
class E:
    __slots__ = ()
def f():
    pass
def g():
    yield 1
print("int", gc.is_tracked(10 ** 30), "float", gc.is_tracked(1.5), "str", gc.is_tracked("".join("ab")))
print("bytes", gc.is_tracked(b"ab"), "bool", gc.is_tracked(True), "None", gc.is_tracked(None))
print("range", gc.is_tracked(range(3)), "bytearray", gc.is_tracked(bytearray(3)))
print("list", gc.is_tracked([]), "set", gc.is_tracked(set()), "frozenset", gc.is_tracked(frozenset([1])))
print("instance", gc.is_tracked(K()), "slots instance", gc.is_tracked(S()), "empty slots", gc.is_tracked(E()))
print("function", gc.is_tracked(f), "class", gc.is_tracked(K), "generator", gc.is_tracked(g()))
print("object()", gc.is_tracked(object()), "bound method", gc.is_tracked(K().__init__))
