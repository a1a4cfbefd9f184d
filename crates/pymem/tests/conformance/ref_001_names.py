# ref: every extra name bound to a fresh object adds one reference; del and rebinding remove it
import sys
o = object()
print("one name:", sys.getrefcount(o))
p = o
q = o
print("three names:", sys.getrefcount(o))
del p
print("del p:", sys.getrefcount(o))
q = None
print("q rebound:", sys.getrefcount(o))
