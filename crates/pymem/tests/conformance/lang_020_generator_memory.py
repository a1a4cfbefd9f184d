# lang: a generator pipeline never materialises its data; the list version holds all of it
import sys
def numbers(n):
    for i in range(n):
        yield i
evens = (x for x in numbers(1000000) if x % 2 == 0)
squares = (x * x for x in evens)
print("pipeline object sizes:", sys.getsizeof(evens), sys.getsizeof(squares))
print("sum:", sum(squares))
as_list = [x * x for x in [x for x in range(1000000) if x % 2 == 0]]
print("list of results:", sys.getsizeof(as_list), "sum:", sum(as_list))
