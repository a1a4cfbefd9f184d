# builtin: str() of numbers, int(str()) round trips, str of containers uses repr of items
for v in (0, -12, 10 ** 25, 1.5, 1e-7, 123456789.0, 1e22, 2.0 ** 0.5):
    print(str(v), repr(v), float(str(v)) == v)
print(str(["a", 1]), str(("b",)), str({"k": "v"}))
