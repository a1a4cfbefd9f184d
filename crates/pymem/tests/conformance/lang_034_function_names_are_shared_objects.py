# lang: a function's __name__ and __qualname__ are the str objects it holds (func_name, func_qualname), the same object on every read
def outer():
    def inner():
        pass
    return inner


f = outer()
print(f.__name__, f.__qualname__)
print(f.__name__ is f.__name__, f.__qualname__ is f.__qualname__)
g = outer()
print(g is f, g.__qualname__ == f.__qualname__)
lam = lambda: 0
print(lam.__name__, lam.__name__ is lam.__name__)
