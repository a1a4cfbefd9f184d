# lang: __slots__ fixes the attribute set: no __dict__, unknown attributes rejected
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
q = P(3, 4)
del q.x
try:
    q.x
except AttributeError as e:
    print("AttributeError:", e)
