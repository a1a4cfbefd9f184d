# builtin: type() and isinstance() with builtin types, tuples of types, bool being an int
values = [1, 1.0, "s", b"b", [], (), {}, set(), frozenset(), None, True, range(1), object()]
print([type(v).__name__ for v in values])
print(isinstance(True, int), isinstance(1, bool), isinstance(1, (str, int)), type(True) is bool)
print(type(type(1)).__name__, type(int).__name__, isinstance(int, type), isinstance(3, object))
class A:
    pass
class B(A):
    pass
print(isinstance(B(), A), type(B()) is A, type(B()).__name__)
