# del: __del__ may resurrect its object; it is never called a second time for that object
saved = []
class Phoenix:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("  __del__", self.n)
        saved.append(self)
p = Phoenix(1)
del p
print("resurrected:", len(saved), saved[0].n)
p = saved.pop()
del p
print("second death, __del__ not called again; saved:", len(saved))
