# err: exact messages for calls with wrong arguments
def show(fn):
    try:
        fn()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", str(e))
def two(a, b):
    return a + b
def kw_only(*, key):
    return key
def defaults(a, b=1):
    return a
class C:
    def __init__(self, x):
        self.x = x
    def method(self):
        return self.x
show(lambda: two(1))
show(lambda: two())
show(lambda: two(1, 2, 3))
show(lambda: two(1, c=2))
show(lambda: two(1, a=2))
show(lambda: kw_only(1))
show(lambda: kw_only())
show(lambda: defaults())
show(lambda: C())
show(lambda: C(1, 2))
show(lambda: C(1).method(2))
show(lambda: len())
show(lambda: len([], []))
show(lambda: abs("x"))
show(lambda: sum(["a", "b"]))
show(lambda: sum([1], "s"))
show(lambda: max())
show(lambda: sorted([1, "a"]))
show(lambda: getattr(1))
show(lambda: isinstance(1, 2))
show(lambda: hex(1.5))
show(lambda: object(1))
