# wr: weakref.ref(o) without a callback returns the same ref object each time; with a callback, a new one
import weakref
class Thing:
    pass
t = Thing()
a = weakref.ref(t)
b = weakref.ref(t)
c = weakref.ref(t, lambda r: None)
d = weakref.ref(t, lambda r: None)
print("no callback: a is b", a is b)
print("with callbacks: c is d", c is d, " c is a", c is a)
print("all equal while alive:", a == c, c == d)
