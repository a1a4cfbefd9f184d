# doc example 2 with __del__: finalizers of a cycle run only inside gc.collect()
import gc
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
    def __del__(self):
        print("freeing node", self.value)
gc.collect()
a = Node(1)
b = Node(2)
a.next = b
b.next = a
del a
del b
print("deleted names; collecting")
n = gc.collect()
print("collected", n)
c = Node(3)
del c
print("no cycle: freed by refcount immediately")
