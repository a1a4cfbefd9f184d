# lang: f-strings with expressions, conversions and format specs
name = "mem"
n = 42
pi = 3.14159
print(f"{name} {n} {n * 2} {name!r} {name.upper()}")
print(f"{n:5d}|{n:<5}|{n:^5}|{n:05d}|{n:x}|{n:b}|{n:,}")
print(f"{pi:.2f} {pi:10.3f} {1234567.891:,.1f} {0.25:.0%}")
print(f"{'nested'} {[1, 2][1]} {{braces}}")
print(f"{n=}")
