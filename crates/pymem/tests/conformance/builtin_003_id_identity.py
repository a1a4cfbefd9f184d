# builtin: id() equality means same object (ids are compared, never printed)
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
x = object()
ids = {id(x), id(x)}
print("stable while alive:", len(ids))
print("id consistent with is:", (id(a) == id(c)) == (a is c))
