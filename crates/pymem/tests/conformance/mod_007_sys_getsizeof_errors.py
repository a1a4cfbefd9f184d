# mod: sys.getsizeof default argument and argument errors; sys.getrefcount needs exactly one argument
import sys
print(sys.getsizeof(1, "default"))
try:
    sys.getsizeof()
except TypeError as e:
    print("TypeError:", e)
try:
    sys.getrefcount()
except TypeError as e:
    print("TypeError:", e)
