# The same comprehension without tracemalloc: a million ints in one list.
x = [i for i in range(1000000)]
print(len(x), x[-1])
