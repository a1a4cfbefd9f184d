# del: a list frees its items last-to-first; a tuple too; a dict first-to-last
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)
lst = [T("l0"), T("l1"), T("l2")]
print("del list")
del lst
tup = (T("t0"), T("t1"), T("t2"))
print("del tuple")
del tup
d = {1: T("d0"), 2: T("d1"), 3: T("d2")}
print("del dict")
del d
print("end")
