# del: __del__ runs the moment the last reference disappears (del, rebinding, going out of scope)
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)
a = T("a")
print("del a")
del a
b = T("b1")
print("rebind b")
b = T("b2")
def scope():
    local = T("local")
    print("returning")
scope()
print("after call")
c = T("c")
print("c = None")
c = None
print("end of script")
