# REPL: doc example 2 with refcounts echoed; each Node is referenced by its name and by the other Node
import sys
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

a = Node(1)
b = Node(2)
a.next = b
b.next = a
sys.getrefcount(a)
sys.getrefcount(b)
a.next.next is a
