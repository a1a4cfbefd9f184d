# size: functions, lambdas, closures, bound methods, builtins and classes
import sys
def f():
    pass
def g(a, b=1, *args, **kw):
    return a
def outer():
    x = 1
    def inner():
        return x
    return inner
class C:
    def m(self):
        pass
print("def:", sys.getsizeof(f), "with params:", sys.getsizeof(g), "lambda:", sys.getsizeof(lambda x: x))
print("closure:", sys.getsizeof(outer()))
print("bound method:", sys.getsizeof(C().m), "builtin len:", sys.getsizeof(len))
print("class object:", sys.getsizeof(C))
