# intern: floats are never cached at run time; equal float constants in one script are one object
a = 0.5
b = 0.5
print("constants:", a is b)
c = float("0.5")
d = float("0.5")
print("runtime:", c is d, c == d, a is c)
e = 1.0 / 2
print("folded 1.0 / 2 is the 0.5 constant:", e is a)
