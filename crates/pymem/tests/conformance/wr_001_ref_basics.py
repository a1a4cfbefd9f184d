# wr: a weakref returns its object while alive and None after the last strong reference goes
import weakref
class Thing:
    pass
t = Thing()
r = weakref.ref(t)
print("alive:", r() is t, type(r).__name__)
u = t
del t
print("one strong ref left:", r() is u)
del u
print("dead:", r())
