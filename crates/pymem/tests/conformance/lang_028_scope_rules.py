# lang: LEGB lookup; assigning anywhere in a function makes the name local (UnboundLocalError)
x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
def broken():
    print(x)
    x = "local"
print(outer())
try:
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
len = 5
print(len)
del len
print(len([1, 2]))
