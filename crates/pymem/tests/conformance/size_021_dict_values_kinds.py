# size: a dict with str keys is smaller than one with int keys (no stored hash per entry)
import sys
for n in (1, 5, 6, 10, 11, 21, 22):
    ints = {i: None for i in range(n)}
    strs = {"k" + str(i): None for i in range(n)}
    mixed = {("k" + str(i) if i else i): None for i in range(n)}
    print(n, sys.getsizeof(ints), sys.getsizeof(strs), sys.getsizeof(mixed))
