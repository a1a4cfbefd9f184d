# mod: array.array stores raw machine values: typecode, itemsize, append, extend, index, slice, tolist
import array
a = array.array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
print(a)
print(a.typecode, a.itemsize, len(a), a[0], a[-1], a[1:3])
print(a.tolist(), sum(a), list(reversed(a)))
a[0] = 100
print(a.pop(), a.index(3), a)
d = array.array("d", [0.5, 1.5])
print(d, d.itemsize)
print("typecodes:", array.typecodes)
