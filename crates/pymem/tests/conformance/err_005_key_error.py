# err: uncaught KeyError shows the repr of the key
counts = {"a": 1}
print(counts["b"])
