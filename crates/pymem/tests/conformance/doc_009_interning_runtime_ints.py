# doc example 4 made to show what the comment means: ints built at run time above 256 are new objects
a = int("100")
b = int("100")
print("runtime 100:", a is b)
x = int("1000")
y = int("1000")
print("runtime 1000:", x is y)
print("equal anyway:", x == y)
base = 999
print("computed 999+1 twice:", (base + 1) is (base + 1))
