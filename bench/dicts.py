# Dict-heavy code: string keys inserted and looked up, counting with get,
# items iteration, deletion and a dict of dicts.
d = {}
for i in range(100000):
    d["k" + str(i)] = i
total = 0
for k in d:
    total += d[k]

counts = {}
for i in range(200000):
    key = i % 1000
    counts[key] = counts.get(key, 0) + 1

for i in range(0, 100000, 2):
    del d["k" + str(i)]

records = {}
for i in range(20000):
    records[i] = {"id": i, "name": "n" + str(i), "score": i % 97}
best = 0
for key, rec in records.items():
    if rec["score"] > best:
        best = rec["score"]
print(len(d), total, len(counts), counts[7], len(records), best)
