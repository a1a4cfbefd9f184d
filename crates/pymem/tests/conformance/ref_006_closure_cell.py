# ref: a closure's cell holds the captured object; the variable name in the enclosing frame shares that cell
import sys
def make():
    obj = object()
    def get():
        return obj
    return get, sys.getrefcount(obj)
get, inside = make()
print("inside make (cell + arg):", inside)
print("after make returned (cell only + arg):", sys.getrefcount(get()))
o = get()
print("plus a global name:", sys.getrefcount(o))
del get
print("closure deleted:", sys.getrefcount(o))
