# lang: __eq__ and __hash__ decide dict/set membership; defining __eq__ alone makes a class unhashable
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
class OnlyEq:
    def __eq__(self, other):
        return True
p = Point(1, 2)
q = Point(1, 2)
print(p == q, p is q, hash(p) == hash(q))
print(len({p, q}), {p: "first", q: "second"}[Point(1, 2)])
print("hash of (1, 2):", hash((1, 2)))
try:
    hash(OnlyEq())
except TypeError as e:
    print("TypeError:", e)
print(OnlyEq.__hash__)
