# 200,000 two-object reference cycles made and dropped; the collector frees
# them (automatically in generation 0, and by gc.collect every 10,000).
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
