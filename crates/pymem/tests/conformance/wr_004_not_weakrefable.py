# wr: ints, strs, tuples, lists and dicts cannot be weakly referenced; a subclass of list can
import weakref
for v in (1, "s", (1, 2), [1], {1: 2}, None):
    try:
        weakref.ref(v)
        print(type(v).__name__, "ok")
    except TypeError as e:
        print(type(v).__name__, "->", e)
class MyList(list):
    pass
m = MyList([1, 2])
print("list subclass:", weakref.ref(m)() is m)
