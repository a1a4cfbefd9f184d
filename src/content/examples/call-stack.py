def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)   # each call pushes a frame

result = factorial(4)             # ... and each return pops one
print(result)
