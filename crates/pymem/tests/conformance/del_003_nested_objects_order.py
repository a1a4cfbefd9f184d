# del: an owner's __del__ runs before the objects it owns are released
class T:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        print("  __del__", self.name, "child still reachable:", self.child is not None and self.child.name)
root = T("root", T("middle", T("leaf")))
print("del root")
del root
print("end")
