def my_function():
    x = list(range(100000))
    y = bytes(10_000_000)
    del y
    return len(x)

print(my_function())
