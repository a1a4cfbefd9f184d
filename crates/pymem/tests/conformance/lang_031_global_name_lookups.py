# Global and builtin name lookups stay right as globals are rebound, shadow builtins, are deleted and are set through globals().
def read_len():
    return len("abc")


out = []
for i in range(6):
    if i == 2:
        def len(x):
            return -1
    if i == 4:
        del len
    out.append(len("abcd"))
    out.append(read_len())
print(out)

counter = 0


def bump():
    global counter
    counter += 1
    return counter


for i in range(3):
    bump()
print(counter)

del counter
try:
    bump()
except NameError as e:
    print("NameError:", e)

key = "".join(["coun", "ter"])
globals()[key] = 100
print(bump(), counter)


def later():
    return spam


try:
    later()
except NameError as e:
    print("NameError:", e)
for value in ["a", "b"]:
    globals()["sp" + "am"] = value
    print(later(), spam)

g = {"x": 1}
exec("y = x + 1\nx = 10\nprint(x, y, len([1]))", g)
print(sorted(k for k in g if k != "__builtins__"), g["x"], g["y"])
x = 5
print(x, [x for _ in range(2)])
