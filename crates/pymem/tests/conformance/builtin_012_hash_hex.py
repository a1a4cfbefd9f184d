# builtin: hash of ints and tuples of ints (deterministic), hex
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(10 ** 20))
print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))))
print(hash(1.0) == hash(1), hash(True) == hash(1), hash(0.5))
print(hex(0), hex(255), hex(-255), hex(2 ** 64), hex(3735928559))
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
