# refs: FORMAT_VALUE returns an exact str itself (no new object, one more
# reference); an int, a str subclass or a conversion other than !s makes a
# new str.
import sys

s = "abc" + "def"
before = sys.getrefcount(s)
t = f"{s}"
print(t is s, f"{s!s}" is s, f"{s!r}" is s, f"{s:>6}" is s)
print(sys.getrefcount(s) - before)
del t
print(sys.getrefcount(s) - before)


class S(str):
    pass


u = S("xyz")
print(f"{u}" is u, type(f"{u}").__name__)
n = 1234567
m = f"{n}"
print(m, type(m).__name__, m is f"{n}", f"{-5}", f"{True}", f"{2.5}")
parts = [f"item-{i}:{i * i}" for i in range(3)]
print(parts)
s = "abc" + "def"
print(f"{s:>7}" is s, f"{s:.3}" is s, f"{s:.9}" is s, f"{s:<6}" is s, f"{s:^6}" is s, format(s, "") is s, format(s, ">6") is s)
