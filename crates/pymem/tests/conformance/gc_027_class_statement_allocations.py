# gc: what a class statement allocates (type, dict copy, __bases__/__mro__, descriptors, the base's subclass weakref) and its transient namespace/argument objects
import gc
import weakref

r = []
names = []


class Warm:
    pass


gc.collect()
a = gc.get_count()[0]


class Node:
    pass


b = gc.get_count()[0]
r.append(b - a)
names.append([type(o).__name__ for o in gc.get_objects(0)])
a = gc.get_count()[0]


class Node2:
    pass


b = gc.get_count()[0]
r.append(b - a)
a = gc.get_count()[0]


class Sub(Node):
    pass


b = gc.get_count()[0]
r.append(b - a)
a = gc.get_count()[0]


class Sub2(Node):
    x = 1

    def method(self):
        return self


b = gc.get_count()[0]
r.append(b - a)
a = gc.get_count()[0]


class Err(Exception):
    pass


b = gc.get_count()[0]
r.append(b - a)
print(r)
print(names)
print(weakref.getweakrefcount(Node), weakref.getweakrefcount(Sub), weakref.getweakrefcount(Err))
print("__weakref__" in Node.__dict__, "__weakref__" in Sub.__dict__, "__weakref__" in Err.__dict__)
print("__dict__" in Node.__dict__, "__dict__" in Sub.__dict__, "__dict__" in Err.__dict__)
gc.collect()
a = gc.get_count()[0]
del Sub2
b = gc.get_count()[0]
freed = gc.collect()
print(b - a, freed, gc.get_count())
del Sub
print(gc.collect())
del Node
print(gc.collect())
