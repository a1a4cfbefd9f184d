# size: sys.getsizeof of runtime objects sized by their C structs (super 56, staticmethod/classmethod 48, property 80, ...)
import sys
class A:
    def m(self):
        return super()
a = A()
print("super", sys.getsizeof(a.m()), sys.getsizeof(super(A, a)))
print("staticmethod", sys.getsizeof(staticmethod(len)), "classmethod", sys.getsizeof(classmethod(len)))
print("property", sys.getsizeof(property(len)))
print("getset", sys.getsizeof(A.__dict__["__dict__"]), sys.getsizeof(A.__dict__["__weakref__"]))
print("method", sys.getsizeof(a.m), "builtin", sys.getsizeof(len), sys.getsizeof([].append))
print("module", sys.getsizeof(sys), "object", sys.getsizeof(object()))
import weakref
print("weakref", sys.getsizeof(weakref.ref(a)))
try:
    1/0
except ZeroDivisionError as e:
    print("exc", sys.getsizeof(e), "tb", sys.getsizeof(e.__traceback__))
print("slice", sys.getsizeof(slice(1, 2)), "range", sys.getsizeof(range(3)), "complex", sys.getsizeof(1j))
def f():
    x = 1
    def g():
        return x
    return g
print("cell", sys.getsizeof(f().__closure__[0]), "function", sys.getsizeof(f))
