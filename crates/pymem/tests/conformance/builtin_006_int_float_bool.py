# builtin: int(), float(), bool() conversions
print(int("42"), int(" -7 "), int("ff", 16), int("0b101", 0), int(3.99), int(-3.99), int(True), int())
print(float("1.5"), float(" 2 "), float(3), float("inf"), float("-inf"), float(), float("1e-3"))
print(bool(0), bool(0.0), bool(""), bool([]), bool({}), bool(None), bool("0"), bool([0]), bool(-1))
print(int("1_000"), float("1_0.5"), 7 / 2, 7 // 2, 2 ** 0.5)
