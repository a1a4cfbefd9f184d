# size: dict sizes by number of int keys and str keys; deleting never shrinks; clear() resets
import sys
di = {}
ds = {}
for i in range(12):
    print(i, sys.getsizeof(di), sys.getsizeof(ds))
    di[i] = i
    ds["key%d" % i] = i
for k in range(10):
    del di[k]
print("after deleting 10 of 12 int keys:", sys.getsizeof(di), len(di))
di.clear()
print("after clear:", sys.getsizeof(di))
print("dict.fromkeys(range(100)):", sys.getsizeof(dict.fromkeys(range(100))))
print("comprehension of 100:", sys.getsizeof({i: i for i in range(100)}))
print("dict(zip) of 100:", sys.getsizeof(dict(zip(range(100), range(100)))))
