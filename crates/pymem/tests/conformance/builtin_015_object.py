# builtin: object() instances: no attributes can be set, every one is distinct, default repr/eq/hash
o = object()
p = object()
print(o == o, o == p, o is p, type(o).__name__, hasattr(o, "__dict__"))
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(hash(o) == hash(o), len({o, p, o}))
class Default:
    pass
d = Default()
print(d == d, d == Default(), str(d) == repr(d), repr(d).startswith("<__main__.Default object at 0x"))
