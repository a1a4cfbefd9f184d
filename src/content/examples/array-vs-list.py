import sys
from array import array
from collections import deque

numbers = list(range(1000))
packed = array("i", range(1000))
queue = deque(range(1000))

print("list: ", sys.getsizeof(numbers), "+ 1000 int objects")
print("array:", sys.getsizeof(packed))
print("deque:", sys.getsizeof(queue))
queue.popleft()             # O(1); list.pop(0) moves every item
