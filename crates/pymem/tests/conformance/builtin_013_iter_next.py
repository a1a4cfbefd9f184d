# builtin: iter and next, next with a default, iter over str/dict/set, iterators are their own iter
it = iter([1, 2])
print(next(it), next(it), next(it, None))
d = {"a": 1, "b": 2}
print(list(iter(d)), list(d.items()), list(d.values()))
s = iter("xy")
print(iter(s) is s, next(s), list(s), list(s))
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
