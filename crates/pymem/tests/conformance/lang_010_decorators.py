# lang: decorators wrap functions; stacked decorators apply bottom-up; decorators with arguments
calls = []
def logged(fn):
    def wrapper(*args, **kwargs):
        calls.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper
def times(n):
    def deco(fn):
        def wrapper(x):
            return fn(x) * n
        return wrapper
    return deco
@logged
def add(a, b):
    return a + b
@times(3)
@times(2)
def ident(x):
    return x
print(add(2, 3), add(b=1, a=1), calls)
print(ident(7), add.__name__)
