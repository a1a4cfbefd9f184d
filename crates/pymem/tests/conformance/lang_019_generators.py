# lang: generators yield lazily, keep state between next() calls, and stop with StopIteration
def gen(n):
    print("start")
    for i in range(n):
        print("yielding", i)
        yield i
    print("end")
g = gen(2)
print("created")
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
def squares():
    n = 0
    while True:
        yield n * n
        n += 1
sq = squares()
print([next(sq) for _ in range(5)])
def delegate():
    yield from range(3)
    yield "done"
print(list(delegate()))
