# size: lists shrink only when they fall below half their capacity; clear() frees the buffer
import sys
lst = list(range(100))
print("start:", sys.getsizeof(lst))
seen = []
while lst:
    lst.pop()
    s = sys.getsizeof(lst)
    if not seen or seen[-1][1] != s:
        seen.append((len(lst), s))
print("pop shrink points:", seen)
lst = [0] * 50
lst.clear()
print("clear:", sys.getsizeof(lst))
lst = [0] * 50
del lst[:]
print("del [:]:", sys.getsizeof(lst))
lst = [0] * 50
lst *= 0
print("*= 0:", sys.getsizeof(lst))
