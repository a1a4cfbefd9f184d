# builtin: repr vs str for strings, numbers, containers, nested quotes
values = ["it's", 'say "hi"', "tab\there", 1.0, 1e16, 0.1, -0.0, 10 ** 20, [1, "a"], ("x",), {"k": None}, b"\x00a", None]
for v in values:
    print(repr(v), "|", str(v))
print(repr(set()), repr(frozenset()), repr({1, 2}), repr(range(2)), str(object)[:6])
