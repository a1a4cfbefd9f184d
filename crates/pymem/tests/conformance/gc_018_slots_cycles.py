# gc: cycles of __slots__ instances and mixed slot/plain instances
import gc
class S:
    __slots__ = ("other", "__weakref__")
class P:
    pass
gc.collect()
a = S()
b = S()
a.other = b
b.other = a
del a, b
print("two slots instances:", gc.collect())
s = S()
p = P()
s.other = p
p.other = s
del s, p
print("slots + plain instance:", gc.collect())
s = S()
s.other = s
del s
print("self-referencing slots instance:", gc.collect())
