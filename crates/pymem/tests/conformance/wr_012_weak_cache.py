# wr: a cache of weakrefs keeps no object alive; dead entries can be detected and pruned
import weakref
class Image:
    def __init__(self, name):
        self.name = name
cache = {}
def load(name):
    r = cache.get(name)
    if r is not None and r() is not None:
        return r(), "hit"
    img = Image(name)
    cache[name] = weakref.ref(img)
    return img, "miss"
a, s1 = load("a")
a2, s2 = load("a")
print(s1, s2, a is a2)
del a, a2
b, s3 = load("a")
print("after the image died:", s3)
