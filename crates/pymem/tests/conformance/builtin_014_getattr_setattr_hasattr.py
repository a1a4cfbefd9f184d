# builtin: getattr (default), setattr, hasattr, on instances and classes
class C:
    kind = "class attr"
c = C()
setattr(c, "x", 10)
print(getattr(c, "x"), getattr(c, "kind"), getattr(c, "missing", "default"))
print(hasattr(c, "x"), hasattr(c, "y"), hasattr(C, "x"), hasattr(C, "kind"))
setattr(C, "kind", "changed")
print(c.kind)
try:
    getattr(c, "nope")
except AttributeError as e:
    print("AttributeError:", e)
print(getattr([1, 2], "count")(1), hasattr(5, "bit_length"))
