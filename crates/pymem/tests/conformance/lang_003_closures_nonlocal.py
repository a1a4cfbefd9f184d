# lang: closures capture variables (not values); nonlocal rebinds them
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())
fns = []
for i in range(3):
    fns.append(lambda: i)
print("late binding:", [f() for f in fns])
fns = [lambda i=i: i for i in range(3)]
print("bound by default:", [f() for f in fns])
print("cell contents:", c1.__closure__[0].cell_contents)
