# size: array.array over-allocates when appending one by one
import sys, array
a = array.array("i")
seen = [(0, sys.getsizeof(a))]
for i in range(100):
    a.append(i)
    if sys.getsizeof(a) != seen[-1][1]:
        seen.append((len(a), sys.getsizeof(a)))
print(seen)
print("array('i', range(100)):", sys.getsizeof(array.array("i", range(100))))
print("list(range(100)):", sys.getsizeof(list(range(100))))
