# doc example 7 without memory_profiler: the function's list is freed on return (tracemalloc shows it)
import tracemalloc

def my_function():
    x = [i for i in range(1000000)]
    return len(x)

tracemalloc.start()
n = my_function()
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print("items:", n)
print("current after return below 1000 bytes:", current < 1000)
print("peak above 40,000,000 bytes:", peak > 40000000)
