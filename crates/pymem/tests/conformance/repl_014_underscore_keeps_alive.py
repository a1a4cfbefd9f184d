# REPL: the echoed value stays referenced by `_`, so `del` of its last name does not free it yet
class T:
    def __repr__(self):
        return "<T>"
    def __del__(self):
        print("__del__ runs")

t = T()
t
del t
print("after del t: still alive through _")
1 + 1
print("done")
