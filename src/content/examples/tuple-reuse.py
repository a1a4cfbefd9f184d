def pair(a, b):
    return (a, b)

first = pair(1, 2)
address = id(first)
del first                 # the 2-tuple goes onto the tuple free list
second = pair(3, 4)       # ... and the next 2-tuple is that same memory
print(id(second) == address)
print(tuple() is tuple([]))   # the empty tuple is a singleton
