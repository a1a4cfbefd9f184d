# mod: array memory for different ways to build 100 items
import array, sys
a = array.array("i")
for i in range(100):
    a.append(i)
b = array.array("i", range(100))
c = array.array("i", [0]) * 100
d = array.array("i")
d.extend(range(100))
e = array.array("i", [0] * 100)
print([sys.getsizeof(x) for x in (a, b, c, d, e)])
