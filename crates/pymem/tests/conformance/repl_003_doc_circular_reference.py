# REPL: doc example 2 typed at the prompt, then made visible with gc.collect() echoes
import gc
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

a = Node(1)
b = Node(2)
a.next = b
b.next = a  # Circular reference
gc.collect()
del a, b
gc.collect()
gc.collect()
