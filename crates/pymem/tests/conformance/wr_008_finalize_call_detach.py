# wr: finalize objects can be called early (runs once) or detached (never runs)
import weakref
class Resource:
    pass
a = Resource()
b = Resource()
fa = weakref.finalize(a, print, "finalizer a")
fb = weakref.finalize(b, print, "finalizer b")
print("call early, returns:", fa())
print("second call returns:", fa(), "alive:", fa.alive)
obj, func, args, kwargs = fb.detach()
print("detached:", obj is b, func is print, args, kwargs, "alive:", fb.alive)
del a, b
print("end")
