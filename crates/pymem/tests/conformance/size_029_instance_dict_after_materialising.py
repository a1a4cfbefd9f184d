# An instance's __dict__, once asked for, is a split dict over its class's
# shared keys. New attributes (or keys stored through the dict) enter the
# shared keys while they have room, so the dict stays split and its size
# stays the same; a non-str key, or a class whose shared keys are full, makes
# it an ordinary (combined) dict.
import sys


class Point:
    pass


p = Point()
p.x = 1
d = p.__dict__
print(sys.getsizeof(d), d)
p.y = 2
d["z"] = 3
print(sys.getsizeof(d), d, p.z)
del p.y
print(sys.getsizeof(d), d, hasattr(p, "y"))
p.y = 4
print(sys.getsizeof(d), list(d))

# A later instance finds the names in the shared keys.
q = Point()
q.z = 1
q.w = 2
print(sys.getsizeof(q.__dict__), q.__dict__)

# A non-str key: the table becomes combined.
d[1] = "one"
print(sys.getsizeof(d), len(d))


# Thirty names fill a class's shared keys; the thirty-first goes to a
# combined table.
class Wide:
    pass


w = Wide()
wd = w.__dict__
sizes = []
for i in range(32):
    setattr(w, "a%d" % i, i)
    sizes.append(sys.getsizeof(wd))
print(sizes)
other = Wide()
other.a0 = 0
print(sys.getsizeof(other.__dict__))

