# wr: __slots__ classes need a __weakref__ slot to be weakly referenceable
import weakref, sys
class NoWeak:
    __slots__ = ("a",)
class Weak:
    __slots__ = ("a", "__weakref__")
try:
    weakref.ref(NoWeak())
except TypeError as e:
    print("TypeError:", e)
w = Weak()
r = weakref.ref(w)
print("with __weakref__ slot:", r() is w)
print("sizes:", sys.getsizeof(NoWeak()), sys.getsizeof(Weak()))
