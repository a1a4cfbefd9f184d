# size: array.array = 64 + itemsize * allocated items, per typecode
import sys, array
for code in "bBhHiIlLqQfd":
    a = array.array(code)
    b = array.array(code, [1] * 10)
    print(code, a.itemsize, sys.getsizeof(a), sys.getsizeof(b))
