# ref: unpacking, swapping and list copies
import sys
a = object()
b = object()
print("start:", sys.getrefcount(a), sys.getrefcount(b))
a, b = b, a
print("swapped:", sys.getrefcount(a), sys.getrefcount(b))
x, y, z = a, a, b
print("unpacked:", sys.getrefcount(a), sys.getrefcount(b))
pair = [a, b]
copy = pair[:]
print("list and slice copy:", sys.getrefcount(a), sys.getrefcount(b))
first, *rest = copy
print("star unpacking:", sys.getrefcount(a), sys.getrefcount(b))
