# builtin: sum (with start), min/max (key, default, several args), abs
print(sum([1, 2, 3]), sum([], 10), sum([0.5, 0.25]), sum([[1], [2]], []), sum(range(101)))
print(min(3, 1, 2), max([4, 9, 2]), min("bca"), max("abc", key=lambda c: -ord(c)))
print(min([], default="empty"), max([(1, "b"), (1, "a")]), max([1, 5, 3], key=lambda v: v % 3))
print(abs(-5), abs(3.5), abs(-0.0), abs(-(10 ** 25)))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
