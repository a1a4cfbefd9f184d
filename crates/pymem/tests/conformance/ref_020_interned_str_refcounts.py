# Interned strings: the interned table's references are not counted in 3.11,
# and an interned str made at run time dies like any other object.
import sys

a = sys.intern("made" + "_at_runtime" + str(1))
print(sys.getrefcount(a))
b = sys.intern("made_at_runtime" + str(1))
print(a is b, sys.getrefcount(a))
del b
print(sys.getrefcount(a))
c = "".join(["x", "y", "z", "w"])
d = sys.intern(c)
print(c is d, sys.getrefcount(c))
