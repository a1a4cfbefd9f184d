# lang: a mutable default is created once at def time and shared by every call
import sys
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1), append_to(2), append_to(3))
print("same object every time:", append_to(4) is append_to.__defaults__[0])
def safe(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe(1), safe(2))
print("default list refcount (defaults tuple + arg):", sys.getrefcount(append_to.__defaults__[0]))
