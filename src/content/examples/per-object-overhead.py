import sys

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

class SlotPoint:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

print("int 1:     ", sys.getsizeof(1))
print("float:     ", sys.getsizeof(1.0))
print("empty str: ", sys.getsizeof(""))
print("empty list:", sys.getsizeof([]))
print("Point:     ", sys.getsizeof(Point(1, 2)))
print("SlotPoint: ", sys.getsizeof(SlotPoint(1, 2)))
