import gc

class Box:
    pass

b = Box()            # allocate: a new object, refcount 1
b.me = b             # it refers to itself: refcount 2
data = [1.5, 2.5]    # more objects from the allocators
del data             # refcount 0: freed at once
del b                # refcount 1: only the cycle keeps it alive
print(gc.collect())  # the collector reclaims it
