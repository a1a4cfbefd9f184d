import gc

gc.collect()                 # start with empty young generations
runs = gc.get_stats()[0]["collections"]
keep = []
for i in range(1500):
    keep.append([i])         # each new list is counted in generation 0
counts = gc.get_count()
runs = gc.get_stats()[0]["collections"] - runs
print("gen-0 collections while allocating:", runs)
print("counts now:", counts)
print("gen 2 collections:", gc.get_stats()[2]["collections"] > 0)
