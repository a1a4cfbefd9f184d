# In a script, the parser's AST arena holds one reference to every constant it
# made until the module finishes: literals, folded values, f-string pieces and
# the items of a compiler-built display tuple all count one more.
import sys

x = 1000
print(sys.getrefcount(x))          # arena, co_consts, x, argument
y = 1000
print(sys.getrefcount(x), x is y)  # + y
print(sys.getrefcount(2.5))
print(sys.getrefcount("hello world!"))
t = (1000, 2)
print(sys.getrefcount(t))
z = -5000                          # folded by the AST optimiser
print(sys.getrefcount(z))
w = 2 ** 40
print(sys.getrefcount(w))
items = [7000, 8000, 9000]         # compiler-built tuple, parsed items
print(sys.getrefcount(items[0]))
d = {"k one": 1.5, "k two": 2.5}   # compiler-built keys tuple
print(sys.getrefcount(list(d)[0]))


def f():
    return sys.getrefcount(12345)  # arena, f's co_consts, argument


print(f())
s = "interned_text_here"           # identifier-like: interned, not counted twice
print(sys.getrefcount(s))
del x, y
print(sys.getrefcount(1000))
