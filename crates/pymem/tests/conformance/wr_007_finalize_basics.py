# wr: weakref.finalize calls a function with its arguments once, when the object dies
import weakref
class Resource:
    pass
def cleanup(name, n):
    print("cleanup", name, n)
    return n * 2
r = Resource()
f = weakref.finalize(r, cleanup, "res", 21)
print("alive:", f.alive)
del r
print("alive after del:", f.alive)
print("calling again returns:", f())
