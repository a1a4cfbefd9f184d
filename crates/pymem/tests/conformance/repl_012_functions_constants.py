# REPL: two functions defined in separate inputs do not share their 1000 constant (in a script they do)
def f():
    return 1000

def g():
    return 1000

f() is g()
f() is f()
