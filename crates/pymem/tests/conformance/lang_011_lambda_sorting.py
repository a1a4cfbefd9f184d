# lang: lambda as key functions, map/filter, immediately called
pairs = [(3, "c"), (1, "a"), (2, "b"), (1, "z")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: (-p[0], p[1])))
print(list(map(lambda x: x * x, range(6))))
print(list(filter(lambda x: x % 3 == 0, range(10))))
print((lambda a, b=10: a + b)(5))
