# gc: a cycle still reachable from a live variable is not collected
import gc
class Node:
    pass
gc.collect()
a = Node()
b = Node()
a.o = b
b.o = a
keeper = [a]
del a, b
print("reachable through keeper:", gc.collect())
print("still there:", type(keeper[0].o.o).__name__)
keeper.clear()
print("after clearing keeper:", gc.collect())
