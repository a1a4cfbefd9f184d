# collections.defaultdict: a dict whose __missing__ calls default_factory and
# stores the result. Its object is a dict's plus the factory pointer (72
# bytes with the GC head), tracked by the collector from the start, and the
# collector sees the factory as one of its references.
import gc
import sys
from collections import defaultdict

groups = defaultdict(list)
for word in "apple avocado banana blueberry cherry".split():
    groups[word[0]].append(word)
print(groups)
print(dict(groups), len(groups), groups.default_factory)
print(sys.getsizeof(defaultdict(list)), sys.getsizeof(groups), gc.is_tracked(defaultdict()), gc.is_tracked({}))
print(type(groups).__basicsize__, isinstance(groups, dict), type(groups))

counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts, counts.get("z"), "z" in counts, counts["z"], "z" in counts)

plain = defaultdict()
try:
    plain["k"]
except KeyError as e:
    print("KeyError", e)
plain.default_factory = str
print(repr(plain["k"]), plain)
plain.default_factory = None
print(plain.default_factory, plain)

copy = groups.copy()
print(type(copy).__name__, copy == groups, copy is groups, copy.default_factory is list)
try:
    defaultdict(42)
except TypeError as e:
    print("TypeError", e)
print(defaultdict(int, {"a": 1}, b=2))

# The factory is a reference the collector follows: a cycle through it
# (the dict, the lambda, its closure tuple and the cell) is found and freed.
def make():
    d = defaultdict()
    d.default_factory = lambda: d
    return d


dd = make()
print(gc.get_referents(dd)[0] is dd.default_factory)
del dd
print(gc.collect())
cleared = defaultdict(list, a=[1])
cleared.clear()
print(cleared, cleared.default_factory)
