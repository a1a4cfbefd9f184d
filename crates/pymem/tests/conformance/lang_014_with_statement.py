# lang: with calls __enter__/__exit__; __exit__ sees the exception and can suppress it
class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return self.suppress
with Ctx("a") as v:
    print("body", v)
with Ctx("b", suppress=True):
    raise KeyError("hidden")
print("after suppressed")
try:
    with Ctx("c"):
        raise ValueError("visible")
except ValueError as e:
    print("caught", e)
with Ctx("outer"), Ctx("inner") as w:
    print("nested body", w)
