# tm: take_snapshot().statistics('lineno'): the biggest entry is the line that allocated most
import tracemalloc
tracemalloc.start()
small = [bytes(100) for _ in range(10)]
large = bytes(200000)
snap = tracemalloc.take_snapshot()
tracemalloc.stop()
stats = snap.statistics("lineno")
top = stats[0]
print("top line:", top.traceback[0].lineno, "size:", top.size, "count:", top.count)
mine = [s for s in stats if s.traceback[0].lineno == 4 and s.size > 1000]
print("line 4:", mine[0].size, mine[0].count)
print("sorted by size:", all(stats[i].size >= stats[i + 1].size for i in range(len(stats) - 1)))
