# gc: a str iterator is a GC object in 3.11 (tracked, counted on allocation
# and on deallocation), unlike a range iterator. Counts are read into
# variables and printed at the end (the first print allocates).
import gc
import sys

tracked = gc.is_tracked(iter("ab")), gc.is_tracked(iter(range(3)))
sizes = sys.getsizeof(iter("ab")), sys.getsizeof(iter(range(3)))
gc.disable()
gc.collect()
count = gc.get_count
before = count()
for c in "abcdefghij":
    pass
after_one = count()
words = ["alpha", "beta", "gamma"]
for word in words:
    for c in word:
        pass
after_nested = count()
it = iter("kept")
kept = count()
del it
dropped = count()
print(tracked, sizes)
print(before, after_one, after_nested, kept, dropped)
