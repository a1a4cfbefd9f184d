# intern: in a script (one compile) equal constants are one object, in the module and across functions
x = 1000
y = 1000
print("module 1000:", x is y)
f1 = 2.5
f2 = 2.5
print("module 2.5:", f1 is f2)
def a():
    return 123456
def b():
    return 123456
m = 123456
print("functions 123456:", a() is b(), "and module:", a() is m)
def c():
    return "hello world"
h = "hello world"
print("'hello world' in a function and in the module:", c() is h)
