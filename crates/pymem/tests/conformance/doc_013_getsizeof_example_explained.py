# doc example 6 explained: 56-byte list header + 8 bytes per slot; items are not counted
import sys
x = [1, 2, 3]
print("header", sys.getsizeof([]), "slots", (sys.getsizeof(x) - sys.getsizeof([])) // 8)
print("same size with big items:", sys.getsizeof(["a" * 1000, 10 ** 100, [0] * 1000]))
print("items separately:", [sys.getsizeof(i) for i in x])
x.append(4)
print("after append:", sys.getsizeof(x))
