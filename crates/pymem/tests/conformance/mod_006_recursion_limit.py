# mod: sys.getrecursionlimit / setrecursionlimit and the depth they allow
import sys
print("default:", sys.getrecursionlimit())
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
sys.setrecursionlimit(100)
print("limit 100:", sys.getrecursionlimit(), "reached about:", depth(0) > 90)
sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
