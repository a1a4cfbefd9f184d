# Identifiers beyond ASCII: already in NFKC (as typed on keyboards), each is
# one name, interned like any other identifier.
import sys

café = "coffee"
π = 3.14159
größe = [1, 2, 3]
名前 = "name"
Δt = 0.5


def área(r):
    return π * r * r


print(café, π, größe, 名前, Δt)
print(round(área(2), 3))
print(sorted(k for k in globals() if not k.isascii()))
print("café" in globals(), sys.intern("café") is [k for k in globals() if k == "café"][0])
