# tm: statistics count = number of live blocks allocated on that line
import tracemalloc
tracemalloc.start()
blocks = []
for i in range(5):
    blocks.append(bytes(5000 + i))
snap = tracemalloc.take_snapshot()
tracemalloc.stop()
stat = [s for s in snap.statistics("lineno") if s.traceback[0].lineno == 6][0]
print("line", stat.traceback[0].lineno, "count", stat.count, "size", stat.size)
print("5 bytes objects:", sum(33 + 5000 + i for i in range(5)), "+ the list buffer grown by append on that line: 64")
