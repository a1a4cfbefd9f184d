# size: type.__basicsize__ and __itemsize__ of builtin types come from their C structs (bool 32, str 80 with no items, type 904 with 40-byte member slots)
import collections, array, weakref
for t in (object, int, bool, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset,
          range, slice, type, BaseException, collections.deque, array.array, weakref.ref,
          property, staticmethod, classmethod, collections.Counter, enumerate, zip, map):
    print(t.__name__, t.__basicsize__, t.__itemsize__)


def gen():
    yield 1


for v in (gen(), gen.__code__, gen, len, iter([]), iter(range(3)), {}.keys(), None, ..., NotImplemented):
    t = type(v)
    print(t.__name__, t.__basicsize__, t.__itemsize__)
