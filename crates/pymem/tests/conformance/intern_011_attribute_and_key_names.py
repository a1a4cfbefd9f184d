# intern: attribute names and keyword names are interned, so lookups by built names share the object
import sys
class K:
    pass
k = K()
setattr(k, "".join(["dyn", "amic"]), 1)
name = list(vars(k))[0]
print("setattr interned the name:", name is sys.intern("".join(["dyn", "ami", "c"])))
def f(**kw):
    return list(kw)[0]
alpha = "alpha"
print("keyword name is the interned constant:", f(alpha=1) is alpha)
d = {}
d["".join(["not", "_interned"])] = 1
key = list(d)[0]
print("plain dict keys are not interned:", key is sys.intern("".join(["not", "_", "interned"])))
