# intern: constant tuples are folded and shared in one script; runtime tuples are new objects
t1 = (1, 2, 3)
t2 = (1, 2, 3)
print("constant tuples:", t1 is t2)
t3 = tuple([1, 2, 3])
print("runtime tuple:", t1 is t3, t1 == t3)
def f():
    return (1, 2, 3)
print("function constant is the module one:", f() is t1)
n = 1
t4 = (n, 2, 3)
print("tuple with a variable is built at run time:", t4 is t1)
