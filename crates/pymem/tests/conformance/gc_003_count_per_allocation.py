# gc: generation-0 count per kind of allocation (measured first, printed at the end)
import gc
class K:
    pass
class S:
    __slots__ = ("a",)
results = []
gc.collect()
base = gc.get_count()[0]
def mark(label):
    global base
    now = gc.get_count()[0]
    results.append((label, now - base))
    base = gc.get_count()[0]
mark("baseline")
a = K()
mark("one instance")
b = S()
mark("one __slots__ instance")
c = 12345678901234567890
d = "text" * 10
e = 3.25 * 2
mark("int, str, float (not tracked)")
f = {"k": 1}
mark("one dict")
g = {1, 2}
mark("one set")
h = lambda: 0
mark("one function")
i = tuple([1, 2])
mark("one runtime tuple")
for label, n in results:
    print(n, label)
