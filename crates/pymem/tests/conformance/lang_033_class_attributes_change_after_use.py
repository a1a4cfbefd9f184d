# lang: attribute lookups through a class see every later change to it or its
# bases (the engine caches MRO lookups, as CPython does with version tags).
class Base:
    kind = "base"


class Child(Base):
    pass


c = Child()
print(c.kind, Child.kind)
Base.kind = "changed"
print(c.kind)
Child.kind = "own"
print(c.kind, Base.kind)
del Child.kind
print(c.kind)
setattr(Base, "kind", "via setattr")
print(c.kind)

# A data descriptor added after instances exist takes over the store.
c.size = 1
print(c.size, c.__dict__)
Child.size = property(lambda self: 42, lambda self, v: print("setter got", v))
c.size = 5
print(c.size)
del Child.size
print(c.size)

# __init__ added to a base after instances were made.
a = Child()
Base.__init__ = lambda self: setattr(self, "ready", True)
b = Child()
print(hasattr(a, "ready"), b.ready)
del Base.__init__
print(hasattr(Child(), "ready"))

# Methods replaced on the class between calls.
class Greeter:
    def hello(self):
        return "hello"


g = Greeter()
print(g.hello())
Greeter.hello = lambda self: "hi"
print(g.hello())


# A class freed and another made in its place answers for itself.
def make(n):
    class K:
        pass
    K.value = n
    return K()


for n in range(3):
    print(make(n).value)


class Slotted:
    __slots__ = ("x",)


s = Slotted()
s.x = 1
print(s.x)
try:
    s.y = 2
except AttributeError as e:
    print(e)
