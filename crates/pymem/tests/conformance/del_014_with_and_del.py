# del: __exit__ runs at the end of the with block; __del__ only when the last reference goes
class R:
    def __enter__(self):
        print("  __enter__")
        return self
    def __exit__(self, *a):
        print("  __exit__")
    def __del__(self):
        print("  __del__")
with R() as r:
    print("body")
print("after with, r still bound")
del r
print("end")
