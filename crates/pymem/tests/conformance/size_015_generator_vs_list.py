# size: a generator's size does not depend on how many items it will produce; the list's does
import sys
for n in (10, 1000, 100000):
    gen = (x * 2 for x in range(n))
    lst = [x * 2 for x in range(n)]
    print(n, "generator:", sys.getsizeof(gen), "list:", sys.getsizeof(lst))
def countdown(n):
    while n > 0:
        yield n
        n -= 1
g = countdown(5)
print("generator function object:", sys.getsizeof(g), "items:", list(g))
