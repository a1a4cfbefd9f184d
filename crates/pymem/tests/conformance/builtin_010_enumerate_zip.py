# builtin: enumerate (start), zip (shortest, three iterables), unzip with zip(*)
for i, c in enumerate("ab"):
    print(i, c)
print(list(enumerate(["x", "y"], start=1)))
print(list(zip([1, 2, 3], "ab")), list(zip(range(3), range(3, 6), range(6, 9))))
pairs = [(1, "a"), (2, "b")]
nums, letters = zip(*pairs)
print(nums, letters, list(zip()))
