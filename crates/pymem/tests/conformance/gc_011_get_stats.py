# gc: get_stats counts collections and collected objects per generation
import gc
gc.collect()
before = gc.get_stats()
for _ in range(3):
    l = []
    l.append(l)
    del l
gc.collect(0)
gc.collect(1)
gc.collect()
after = gc.get_stats()
for gen in range(3):
    print(gen, {k: after[gen][k] - before[gen][k] for k in ("collections", "collected", "uncollectable")})
print("keys:", sorted(after[0]))
