# ref: default argument values are held by the function object
import sys
o = object()
print("before def:", sys.getrefcount(o))
def f(x=o, y=o):
    return x
print("two defaults:", sys.getrefcount(o))
print("defaults tuple:", f.__defaults__[0] is o, len(f.__defaults__))
del f
print("function deleted:", sys.getrefcount(o))
