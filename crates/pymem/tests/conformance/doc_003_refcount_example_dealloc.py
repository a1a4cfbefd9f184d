# doc example 1 with an object whose __del__ shows the exact moment the count reaches 0
class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("deallocated", self.name)
x = Tracked("list-like")
y = x
print("del x")
del x
print("del y")
del y
print("end")
