# lang: common str methods used by the examples
s = "  Memory Management  "
print(repr(s.strip()), s.lower().split(), "-".join(["a", "b", "c"]))
print("a,b,,c".split(","), "x".center(5, "*"), "abc".replace("b", "B"))
print("hello".startswith("he"), "hello".find("l"), "hello".count("l"), "Hello".isupper())
print("%d items, %s, %.2f" % (3, "ok", 1.5))
print("{} and {}".format("x", "y"), str(12).zfill(5))
