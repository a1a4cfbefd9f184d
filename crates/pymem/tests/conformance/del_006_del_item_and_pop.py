# del: removing an object from a container (del item, pop, clear, slice assignment) can free it
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)
lst = [T("a"), T("b"), T("c"), T("d")]
print("del lst[0]")
del lst[0]
print("pop() result discarded")
lst.pop()
print("slice assignment")
lst[0:1] = []
print("clear")
lst.clear()
d = {"k": T("v")}
print("overwrite dict value")
d["k"] = 0
print("end")
