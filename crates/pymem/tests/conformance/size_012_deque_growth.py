# size: deque grows in 64-slot blocks; appendleft grows the same way; maxlen caps it
import sys
from collections import deque
d = deque()
seen = [(0, sys.getsizeof(d))]
for i in range(300):
    d.appendleft(i)
    if sys.getsizeof(d) != seen[-1][1]:
        seen.append((len(d), sys.getsizeof(d)))
print("appendleft growth:", seen)
m = deque(maxlen=10)
for i in range(1000):
    m.append(i)
print("maxlen=10 after 1000 appends:", len(m), sys.getsizeof(m), list(m))
