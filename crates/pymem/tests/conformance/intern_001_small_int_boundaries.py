# intern: ints computed at run time are shared only inside the small-int cache -5..256
def same(a, b):
    return a is b
for v in (-6, -5, 0, 255, 256, 257, 1000):
    print(v, same(int(str(v)), int(str(v))))
x = 250
print("250 + 6 twice:", same(x + 6, x + 6), "250 + 7 twice:", same(x + 7, x + 7))
print("256 from different sources:", same(2 ** 8, int("256")), same(len("a" * 256), 256))
