# intern: "a" * 4096 is folded at compile time (one constant); "a" * 4097 is built at every evaluation
x = "a" * 4096
y = "a" * 4096
print("4096:", x is y, len(x))
p = "a" * 4097
q = "a" * 4097
print("4097:", p is q, len(p), p == q)
def f():
    return "ab" * 2048
def g():
    return "ab" * 2049
print("in functions: 4096 chars", f() is f(), " 4098 chars", g() is g())
