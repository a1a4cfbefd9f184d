# String building: str(), concatenation, join, f-strings, slicing, methods.
parts = []
for i in range(100000):
    parts.append(str(i))
csv = ",".join(parts)

line = ""
for i in range(20000):
    line += chr(97 + i % 26)

labels = [f"item-{i}:{i * i}" for i in range(50000)]
upper = [s.upper() for s in labels if s.endswith("1")]
words = csv.split(",")
print(len(csv), len(line), line[-5:], len(labels), len(upper), upper[-1], len(words))
