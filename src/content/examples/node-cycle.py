import gc

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

# Create circular references
a = Node(1)
b = Node(2)
a.next = b
b.next = a  # Circular reference

del a       # the names are gone, but each Node is still
del b       # referenced by the other: both refcounts stay at 1
print("unreachable objects found:", gc.collect())
