# gc: the collector's state at a script's first statement, as CPython's start-up leaves it (count, and six gen-0 collections in the stats)
import gc
c = gc.get_count()
print(c, gc.get_stats())
