# size: getsizeof is shallow; a recursive walk gives the deep size
import sys
def deep(o, seen=None):
    if seen is None:
        seen = set()
    if id(o) in seen:
        return 0
    seen.add(id(o))
    size = sys.getsizeof(o)
    if isinstance(o, dict):
        for k, v in o.items():
            size += deep(k, seen) + deep(v, seen)
    elif isinstance(o, (list, tuple, set, frozenset)):
        for item in o:
            size += deep(item, seen)
    return size
data = [[1000 + i, 2000 + i] for i in range(3)]
print("shallow:", sys.getsizeof(data))
print("deep:", deep(data))
shared = [10 ** 10] * 3
print("shared item counted once:", deep(shared), sys.getsizeof(shared) + sys.getsizeof(10 ** 10))
