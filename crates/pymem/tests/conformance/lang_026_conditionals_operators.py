# lang: comparisons, chained comparisons, boolean short-circuit, conditional expressions, identity
x = 5
print(1 < x < 10, x == 5 != 6, not x, x and 0, 0 or "default", None or [] or 3)
print("big" if x > 3 else "small", [] == [], [] is [])
print(3 in [1, 2, 3], "a" not in "xyz", 7 // 2, -7 // 2, 7 % -3, 2 ** -1)
print(True + True, 1 == 1.0, 0.1 + 0.2 == 0.3, round(2.5), round(3.5))
