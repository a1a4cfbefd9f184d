# builtin: list, tuple, dict, set, frozenset constructors
print(list("abc"), list((1, 2)), list({"a": 1, "b": 2}), list(range(3)), list())
print(tuple([1, 2]), tuple("hi"), tuple())
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": 1}, z=3), dict(zip("ab", (1, 2))))
print(sorted(set([3, 1, 2, 3])), set(), sorted(frozenset(range(4))), frozenset())
print(set([1, 2]) == frozenset([2, 1]), {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2})
