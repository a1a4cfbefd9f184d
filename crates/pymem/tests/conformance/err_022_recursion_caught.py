# err: RecursionError can be caught; its message; the program continues normally afterwards
import sys
def depth(n):
    return depth(n + 1)
try:
    depth(0)
except RecursionError as e:
    print(type(e).__name__ + ":", e)
def count(n):
    try:
        return count(n + 1)
    except RecursionError:
        return n
print("maximum depth reached from module level, about limit:", abs(count(0) - sys.getrecursionlimit()) < 10)
print("still running")
