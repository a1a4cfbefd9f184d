# tm: summing a generator needs almost no memory, summing a list comprehension needs all of it at once
import tracemalloc
tracemalloc.start()
total = sum(x * x for x in range(100000))
gen_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
tracemalloc.start()
total2 = sum([x * x for x in range(100000)])
list_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print("same result:", total == total2)
print("generator peak under 10 KB:", gen_peak < 10000)
print("list peak over 3 MB:", list_peak > 3000000)
