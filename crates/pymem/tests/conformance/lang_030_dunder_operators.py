# lang: operator overloading with __add__, __lt__, __len__, __getitem__, __contains__, __bool__
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __add__(self, other):
        return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
    def __lt__(self, other):
        return sum(self.xs) < sum(other.xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __contains__(self, v):
        return v in self.xs
    def __bool__(self):
        return any(self.xs)
    def __repr__(self):
        return "Vec" + repr(tuple(self.xs))
a = Vec(1, 2)
b = Vec(10, 20)
print(a + b, a < b, len(a), a[1], 2 in a, bool(Vec(0, 0)), sorted([b, a]))
