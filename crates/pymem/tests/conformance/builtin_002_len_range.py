# builtin: len of every container type; range arguments, indexing, membership, len, reversed
print(len("abc"), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}), len(frozenset()), len(range(10)), len(b"xy"))
print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)))
r = range(0, 100, 7)
print(r, len(r), r[3], r[-1], 49 in r, 50 in r, r.index(21))
print(list(reversed(range(3))), range(3) == range(0, 3), r[2:5])
