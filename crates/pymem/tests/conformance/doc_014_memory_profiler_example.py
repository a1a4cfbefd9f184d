# doc example 7 run as written: memory_profiler is not installed, so the import fails
from memory_profiler import profile

@profile
def my_function():
    x = [i for i in range(1000000)]

my_function()
