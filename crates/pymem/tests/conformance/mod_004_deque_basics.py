# mod: collections.deque: appends and pops at both ends, rotate, extendleft, maxlen
from collections import deque
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d))
print(d.pop(), d.popleft(), d)
d.rotate(1)
print("rotate 1:", d)
d.rotate(-2)
print("rotate -2:", d)
d.extendleft([10, 11])
print("extendleft:", d, d[0], d[-1])
q = deque(range(5), maxlen=3)
print(q, q.maxlen)
q.appendleft(99)
print(q)
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
