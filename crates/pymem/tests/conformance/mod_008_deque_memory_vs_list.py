# mod: popping from the front of a list shifts all items; a deque does not, and both end up equal
from collections import deque
lst = list(range(10))
dq = deque(range(10))
while len(lst) > 3:
    lst.pop(0)
    dq.popleft()
print(lst, list(dq), lst == list(dq))
print("deque index:", dq[1], "in:", 8 in dq, "count:", dq.count(9))
