# intern: in one script equal literals are one constant (257 too); computed values show the real cache bound
a = 256
b = 256
c = 257
d = 257
print("literals 256:", a is b, " literals 257:", c is d)
e = int("256")
f = int("257")
print("computed 256 is literal:", e is a, " computed 257 is literal:", f is c)
s = "hello_world"
t = "hello world"
print("literal vs computed 'hello_world':", s is "_".join(["hello", "world"]))
print("literal vs computed 'hello world':", t is " ".join(["hello", "world"]))
u = "hello world"
print("two 'hello world' literals in one script:", t is u)
