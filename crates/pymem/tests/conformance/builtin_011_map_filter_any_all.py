# builtin: map (several iterables), filter (None), any and all (empty, short-circuit)
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(filter(None, [0, 1, "", "a", [], [0]])), list(filter(lambda x: x > 1, range(4))))
print(any([]), all([]), any([0, 0, 3]), all([1, 0]), any(x > 8 for x in range(10)))
seen = []
def check(x):
    seen.append(x)
    return x > 2
print(any(check(x) for x in range(10)), seen)
