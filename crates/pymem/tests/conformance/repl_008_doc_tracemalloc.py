# REPL: doc example 8 typed at the prompt; stop() returns None, so it echoes nothing
import tracemalloc

tracemalloc.start()
x = [i for i in range(1000000)]
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
current > 40000000
peak >= current
len(x)
