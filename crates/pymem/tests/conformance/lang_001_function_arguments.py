# lang: defaults, keyword arguments, *args and **kwargs
def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw.items()))
print(f(1))
print(f(1, 20, 30, 40))
print(f(1, c=5, z=26, y=25))
print(f(b=7, a=6))
args = (1, 2, 3)
opts = {"c": 9, "extra": 0}
print(f(*args, **opts))
def kwonly(*, x, y=0):
    return x + y
print(kwonly(x=4), kwonly(y=1, x=2))
