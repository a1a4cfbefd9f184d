# size: __basicsize__ of a class is its nearest builtin base's struct plus a slot per __slots__ name, plus a weakref slot (fixed-size bases that lack one) or a dict slot (variable-size bases); other dicts are 3.11's managed pre-header
class O:
    pass


class O2:
    __slots__ = ("a", "b")


class O3:
    __slots__ = ("a", "__weakref__")


class O4:
    __slots__ = ("a", "__dict__")


class L(list):
    pass


class L2(list):
    __slots__ = ("x",)


class L3(L2):
    pass


class D(dict):
    pass


class S(set):
    pass


class FS(frozenset):
    pass


class T(tuple):
    pass


class I(int):
    pass


class I2(int):
    __slots__ = ()


class F(float):
    pass


class Str(str):
    pass


class E(Exception):
    pass


class E2(ValueError):
    pass


for c in (O, O2, O3, O4, L, L2, L3, D, S, FS, T, I, I2, F, Str, E, E2):
    print(c.__name__, c.__basicsize__, c.__itemsize__)
