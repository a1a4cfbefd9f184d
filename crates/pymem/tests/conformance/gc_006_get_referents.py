# gc: get_referents returns what an object's traverse visits (lists and tuples are traversed last item first)
import gc
print("list [1, 2, 3]:", gc.get_referents([1, 2, 3]))
print("tuple (4, 5, 6) built at run time:", gc.get_referents(tuple([4, 5, 6])))
d = {"k": [1], "j": 2}
print("str-keyed dict visits only its values:", len(gc.get_referents(d)), gc.get_referents(d)[1])
print("dict {1: 10, 2: 20}:", gc.get_referents({1: 10, 2: 20}))
print("int has none:", gc.get_referents(12345), "str has none:", gc.get_referents("abc"))
class P:
    pass
p = P()
p.x = [1]
rs = gc.get_referents(p)
print("instance refers to its class:", any(r is P for r in rs))
print("instance refers to its attribute value:", any(r is p.x for r in rs))
print("several at once:", gc.get_referents([1], [2, 3]))
