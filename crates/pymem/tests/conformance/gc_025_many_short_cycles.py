# gc: 200,000 two-object cycles made and dropped; automatic gen-0 collections free most, gc.collect() the rest (from bench/cycles.py)
import gc


class Node:
    pass


freed = 0
for i in range(200000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    del a, b
    if i % 10000 == 9999:
        freed += gc.collect()
print(freed + gc.collect(), gc.get_count())
