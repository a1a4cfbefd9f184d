# REPL: doc example 8 exactly as written; at the prompt the compile of each later input is traced too
import tracemalloc

tracemalloc.start()
x = [i for i in range(1000000)]
print(tracemalloc.get_traced_memory())  # Current and peak memory usage
tracemalloc.stop()
