import tracemalloc

tracemalloc.start()
total = sum([n * n for n in range(10000)])   # builds the whole list first
print("list peak:", tracemalloc.get_traced_memory()[1] // 1024, "KiB")

tracemalloc.reset_peak()
total = sum(n * n for n in range(10000))     # one item at a time
print("generator peak:", tracemalloc.get_traced_memory()[1] // 1024, "KiB")
