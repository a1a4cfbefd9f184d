# intern: True/False/None are singletons; int results inside -5..256 come from the cache
t = True
f = False
n = None
print(bool(1) is t, bool(0) is f, (1 == 1) is t, type(None)() is n)
c256 = 256
one = 1
minus5 = -5
print("sum to 256:", sum([128, 128]) is c256, " int(True) is 1:", int(True) is one)
print("-5 from arithmetic:", (0 - int("5")) is minus5, " -6:", (0 - int("6")) is (0 - int("6")))
