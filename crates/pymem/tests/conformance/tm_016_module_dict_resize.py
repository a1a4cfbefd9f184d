# tm: binding one more global can resize the module's dict: that 400-byte block shows up on that line
import tracemalloc
tracemalloc.start()
new_global = 1
snap = tracemalloc.take_snapshot()
tracemalloc.stop()
line4 = [s for s in snap.statistics("lineno") if s.traceback[0].lineno == 4]
print("line 4 allocated:", [(s.size, s.count) for s in line4])
