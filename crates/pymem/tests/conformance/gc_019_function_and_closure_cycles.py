# gc: recursive closures and instances holding their own bound methods form cycles
import gc
gc.collect()
def make():
    def rec(n):
        return n if n == 0 else rec(n - 1)
    return rec
f = make()
print("closure works:", f(3))
del f
print("closure referring to itself (function + cell):", gc.collect())
class C:
    def m(self):
        return 1
c = C()
c.bm = c.m
del c
print("instance holding its own bound method:", gc.collect())
