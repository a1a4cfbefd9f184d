# del: rebinding a loop variable frees the previous object before the next iteration body runs
class T:
    def __init__(self, n):
        self.n = n
        print("  create", n)
    def __del__(self):
        print("  __del__", self.n)
for i in range(3):
    obj = T(i)
    print("body", i)
print("loop done")
del obj
