# lang: del of names, list items, slices, dict keys, attributes
x = 1
del x
try:
    print(x)
except NameError as err:
    print("NameError:", err)
lst = list(range(10))
del lst[0]
del lst[-1]
del lst[::2]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
class O:
    pass
o = O()
o.attr = 1
del o.attr
print(hasattr(o, "attr"))
a, b = 1, 2
del a, b
try:
    print(b)
except NameError as err:
    print("NameError:", err)
