import tracemalloc

tracemalloc.start()
data = [bytes(1000) for _ in range(100)]
snapshot = tracemalloc.take_snapshot()
for stat in snapshot.statistics("lineno")[:1]:
    print(stat)
