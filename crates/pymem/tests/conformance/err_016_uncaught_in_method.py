# err: error inside a method called from a loop; partial output stays
class Stack:
    def __init__(self):
        self.items = []
    def pop(self):
        return self.items.pop()
s = Stack()
s.items.extend([1, 2])
for _ in range(3):
    print("popped", s.pop())
