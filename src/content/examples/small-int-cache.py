a = 100
b = 100
print(a is b)  # True: small ints -5..256 are cached

x = 1000
y = 1000
print(x is y)  # script: True (one shared constant); REPL: False
