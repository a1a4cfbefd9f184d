# ref: each active frame of a recursion holds its own reference to the argument
import sys
counts = []
def down(obj, n):
    counts.append(sys.getrefcount(obj))
    if n > 0:
        down(obj, n - 1)
o = object()
down(o, 4)
print(counts)
print("after return:", sys.getrefcount(o))
