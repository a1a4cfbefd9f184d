# lang: ints have arbitrary precision
print(2 ** 100, -2 ** 100)
print(10 ** 30 + 1, (10 ** 30) // 7, (10 ** 30) % 7)
x = 1
for i in range(1, 31):
    x *= i
print("30! =", x, len(str(x)))
print(2 ** 64 - 1 == 18446744073709551615, (2 ** 64) >> 60, 1 << 70)
print(divmod(-17, 5), -17 // 5, -17 % 5, abs(-10 ** 20))
