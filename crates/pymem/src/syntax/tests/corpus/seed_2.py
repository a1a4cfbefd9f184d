class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

# Create circular references
a = Node(1)
b = Node(2)
a.next = b
b.next = a  # Circular reference

# Even if 'a' and 'b' are deleted, they won't be garbage-collected by reference counting alone.
