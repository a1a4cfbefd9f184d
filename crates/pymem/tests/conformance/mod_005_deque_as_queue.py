# mod: deque as a FIFO queue; memory stays bounded when items are consumed
import sys
from collections import deque
q = deque()
sizes = set()
for i in range(1000):
    q.append(i)
    if len(q) > 10:
        q.popleft()
    sizes.add(sys.getsizeof(q))
print("queue:", list(q))
print("sizes seen:", sorted(sizes))
