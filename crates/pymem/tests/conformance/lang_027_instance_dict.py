# lang: instance attributes live in __dict__ (vars); class attributes in the class's dict
class C:
    k = 1
    def __init__(self):
        self.a = 1
        self.b = 2
c = C()
print(vars(c), c.__dict__ is vars(c))
c.c = 3
print(sorted(vars(c)), "k" in vars(c), "k" in vars(C))
c.__dict__["d"] = 4
print(c.d, getattr(c, "d"))
