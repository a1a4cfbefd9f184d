# size: set growth by add; frozenset and set built from an iterable; clear() resets
import sys
s = set()
seen = [(0, sys.getsizeof(s))]
for i in range(300):
    s.add(i)
    if sys.getsizeof(s) != seen[-1][1]:
        seen.append((len(s), sys.getsizeof(s)))
print("set.add growth:", seen)
print("set(range(n)):", [sys.getsizeof(set(range(n))) for n in (0, 4, 5, 18, 19, 50)])
print("frozenset(range(n)):", [sys.getsizeof(frozenset(range(n))) for n in (0, 4, 5, 18, 19, 50)])
s.clear()
print("cleared set:", sys.getsizeof(s))
