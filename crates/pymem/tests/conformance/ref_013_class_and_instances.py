# ref: every instance of a user class holds a reference to its class
import sys
class K:
    pass
base = sys.getrefcount(K)
objs = [K() for _ in range(10)]
print("10 instances:", sys.getrefcount(K) - base)
del objs[:5]
print("5 left:", sys.getrefcount(K) - base)
objs.clear()
print("none left:", sys.getrefcount(K) - base)
