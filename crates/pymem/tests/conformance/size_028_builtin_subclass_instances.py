# Instances of classes that extend builtin types: the class's basic size
# (the base's struct plus a weakref slot, a dict slot or __slots__), the
# managed-dict pre-header on fixed-size bases, and a GC head for every
# heap type, even when the base (float, str, int, bytes) has none.
import gc
import sys


class L(list): pass
class D(dict): pass
class S(set): pass
class FS(frozenset): pass
class T(tuple): pass
class St(str): pass
class F(float): pass
class I(int): pass
class B(bytes): pass
class E(Exception): pass
class SlotList(list):
    __slots__ = ("a",)
class BareFloat(float):
    __slots__ = ()


for cls in (L, D, S, FS, T, St, F, I, B, E, SlotList, BareFloat):
    o = cls()
    print(cls.__name__, cls.__basicsize__, sys.getsizeof(o), gc.is_tracked(o))

print(sys.getsizeof(L([1, 2, 3])), sys.getsizeof(list([1, 2, 3])))
grown = L()
for i in range(5):
    grown.append(i)
print(sys.getsizeof(grown), sys.getsizeof(grown[:]), type(grown[:]).__name__)
print(sys.getsizeof(D(a=1)), sys.getsizeof(dict(a=1)))
print(sys.getsizeof(S([1, 2])), sys.getsizeof(FS([1, 2])), sys.getsizeof(frozenset([1, 2])))
print(sys.getsizeof(T((1, 2, 3))), sys.getsizeof((1, 2, 3)))
print(sys.getsizeof(St("abc")), sys.getsizeof(St("é")), sys.getsizeof("abc"))
print(sys.getsizeof(F(1.5)), sys.getsizeof(1.5))
print(sys.getsizeof(I(5)), sys.getsizeof(I(2 ** 40)), sys.getsizeof(I(-(2 ** 70))))
print(sys.getsizeof(B(b"abc")), sys.getsizeof(b"abc"))
print(sys.getsizeof(E("boom")), sys.getsizeof(Exception("boom")))

# A class's __name__ is the str it was made with, not a new one per access.
print(St.__name__ is St.__name__, L.__qualname__ is L.__qualname__, int.__name__ is int.__name__)

# They are still the values they extend.
x = F(2.5)
print(x + 1, type(x + 1).__name__, x == 2.5, repr(x), isinstance(x, float))
t = T((3, 1, 2))
print(sorted(t), len(t), t[0], type(t).__name__)
s = St("memory")
print(s.upper(), len(s), s == "memory", type(s).__name__)

# Freeing one takes it off generation 0's count, like any GC object (a
# float subclass's instance included), and no free list keeps it.
gc.disable()
before = gc.get_count()[0]
o = F(3.5)
made = gc.get_count()[0]
del o
print(made - before, gc.get_count()[0] - made)
o = L([1])
made = gc.get_count()[0]
del o
print(gc.get_count()[0] - made)
gc.enable()

# What each asks the allocator for (tracemalloc's view): tp_alloc(cls, n)
# requests the basic size plus n + 1 items, rounded to 8, plus the
# pre-header; a str subclass's characters are a second block.
import tracemalloc
tracemalloc.start()
for make in (L, D, F, lambda: T((1, 2, 3)), lambda: I(5), lambda: I(2 ** 40), lambda: B(b"abc"), lambda: St("abc")):
    before = tracemalloc.get_traced_memory()[0]
    o = make()
    print(type(o).__name__, tracemalloc.get_traced_memory()[0] - before)
    del o
tracemalloc.stop()
