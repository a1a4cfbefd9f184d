from memory_profiler import profile

@profile
def my_function():
    x = [i for i in range(1000000)]

my_function()
