# builtin: sorted (key, reverse, stability) and reversed on sequences
data = [5, 2, 9, 1, 5, 6]
print(sorted(data), sorted(data, reverse=True), data)
words = ["bb", "a", "ccc", "dd"]
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(list(reversed(data)), list(reversed("abc")), list(reversed((1, 2, 3))))
r = reversed([1, 2])
print(next(r), next(r), next(r, "exhausted"))
