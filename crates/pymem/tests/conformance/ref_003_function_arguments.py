# ref: a call's parameter is one more reference while the call runs; it is dropped on return
import sys
def inside(arg):
    return sys.getrefcount(arg)
def two_levels(arg):
    return inside(arg)
o = object()
print("global only:", sys.getrefcount(o))
print("inside one call:", inside(o))
print("inside two nested calls:", two_levels(o))
print("after the calls:", sys.getrefcount(o))
print("temporary argument:", inside(object()))
