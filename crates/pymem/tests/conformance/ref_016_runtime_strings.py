# ref: fresh runtime strings, bytes and floats report 2 like any other fresh object
import sys
s = "".join(["mem", "ory", " lab"])
b = bytes([1, 2, 3])
f = float("2.5") * 3
big = int("1" + "0" * 30)
print(sys.getrefcount(s), sys.getrefcount(b), sys.getrefcount(f), sys.getrefcount(big))
pair = (s, s)
print("in a tuple twice:", sys.getrefcount(s))
k = 10 ** 30
print("a folded constant is also held by the code object:", sys.getrefcount(k) > 2)
