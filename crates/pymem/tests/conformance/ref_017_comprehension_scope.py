# ref: a comprehension's loop variable does not outlive it; references go away with the temporary list
import sys
o = object()
lst = [o for _ in range(4)]
print("list of 4:", sys.getrefcount(o))
n = len([o for _ in range(100)])
print("temporary list freed:", sys.getrefcount(o), n)
g = (o for _ in range(3))
print("unstarted generator expression over range:", sys.getrefcount(o))
total = sum(1 for _ in g)
print("after consuming:", sys.getrefcount(o), total)
