# intern: identifier-like constants are interned; built strings are not until sys.intern
import sys
s1 = "hello_world"
s2 = "hello" + "_world"
s3 = "".join(["hello", "_world"])
print("constant vs folded constant:", s1 is s2)
print("constant vs runtime join:", s1 is s3, "equal:", s1 == s3)
print("after sys.intern:", s1 is sys.intern(s3))
t1 = "hello world"
t3 = " ".join(["hello", "world"])
print("non-identifier runtime:", t1 is t3, "after interning both:", sys.intern(t1) is sys.intern(t3))
