# del: freeing the head of a linked list releases the whole chain, one node after another
class Node:
    def __init__(self, n, nxt):
        self.n = n
        self.next = nxt
    def __del__(self):
        print("  __del__ node", self.n)
head = None
for n in range(4):
    head = Node(n, head)
print("del head")
del head
print("end")
