# size: co_stacksize as 3.11 counts it decides a generator's size: MAKE_FUNCTION takes the qualname from the code object (no extra push) and a comprehension is called as [function, iterator] without a NULL
import sys


def comp(n):
    yield [i for i in range(n)]


def nested(n):
    def inner(x):
        return x + n
    yield inner


def lam(n):
    yield sorted(range(n), key=lambda v: -v)


def defaults(n, k=2):
    def inner(x, y=k, *, z=n):
        return x
    yield inner


def gen_in_gen(n):
    yield sum(x * x for x in range(n))


for g in (comp, nested, lam, defaults, gen_in_gen):
    it = g(3)
    print(g.__name__, sys.getsizeof(it), next(it) is not None)

f = next(nested(1))
print(f.__qualname__, sys.getrefcount(f.__qualname__))
