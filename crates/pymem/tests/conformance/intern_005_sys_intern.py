# intern: sys.intern returns the one canonical copy; it works on any str, not on other types
import sys
a = "".join(["with ", "spaces!"])
b = "".join(["with", " spaces!"])
print("equal but distinct:", a == b, a is b)
ia = sys.intern(a)
ib = sys.intern(b)
print("interned:", ia is ib, "first one became canonical:", ia is a)
try:
    sys.intern(b"bytes")
except TypeError as e:
    print(type(e).__name__ + ":", e)
