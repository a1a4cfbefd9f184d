import sys

a = "hello_world"
b = "hello_world"
print(a is b)           # identifier-like constants are interned

s = "hello world"
t = "".join(["hello", " ", "world"])   # built at run time
print(s == t, s is t)   # equal, but two objects

u = sys.intern(t)
v = sys.intern("hello" + " world")
print(u is v)           # sys.intern hands out one shared copy
