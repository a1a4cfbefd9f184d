# ref: an iterator holds its container until exhausted; a for loop's variable keeps the last item
import sys
lst = [object(), object()]
print("list:", sys.getrefcount(lst))
it = iter(lst)
print("with an iterator:", sys.getrefcount(lst))
next(it)
next(it)
print("iterator at end (not yet exhausted):", sys.getrefcount(lst))
for _ in it:
    pass
print("iterator exhausted (drops the list):", sys.getrefcount(lst))
last = lst[-1]
for item in lst:
    pass
print("loop variable keeps last item:", item is last, sys.getrefcount(last))
