# wr: callbacks run when the referent dies, most recently created first, and receive the dead ref
import weakref
class Thing:
    def __del__(self):
        print("__del__ runs first")
def make_cb(name):
    def cb(ref):
        print("callback", name, "ref now dead:", ref() is None)
    return cb
t = Thing()
r1 = weakref.ref(t, make_cb("one"))
r2 = weakref.ref(t, make_cb("two"))
print("deleting")
del t
print("done")
