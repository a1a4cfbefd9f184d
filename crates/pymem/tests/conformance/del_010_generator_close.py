# del: dropping a suspended generator closes it: GeneratorExit runs its finally blocks
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("  generator finally")
g = gen()
print(next(g))
print("del g")
del g
g2 = gen()
print("unstarted generator deleted (no finally):")
del g2
g3 = gen()
next(g3)
g3.close()
print("closed explicitly")
