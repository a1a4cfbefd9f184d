# size: bytes = 33 + n; bytearray over-allocates as it grows by append
import sys
print("bytes:", [sys.getsizeof(bytes(n)) for n in (0, 1, 2, 10, 1000)])
ba = bytearray()
seen = [(0, sys.getsizeof(ba))]
for i in range(100):
    ba.append(i)
    s = sys.getsizeof(ba)
    if s != seen[-1][1]:
        seen.append((len(ba), s))
print("bytearray growth:", seen)
print("bytearray(10):", sys.getsizeof(bytearray(10)))
