# gc: dicts are tracked only once they hold a container (key or value)
import gc
d = {}
print("empty:", gc.is_tracked(d))
d["a"] = 1
d["b"] = "x"
d[3] = 2.5
print("atomic values:", gc.is_tracked(d))
d["t"] = (1, 2)
print("constant tuple value:", gc.is_tracked(d))
d["l"] = []
print("list value:", gc.is_tracked(d))
del d["l"]
print("list removed, still tracked:", gc.is_tracked(d))
gc.collect()
print("after full collect (constant tuple left):", gc.is_tracked(d))
print("dict(a=1):", gc.is_tracked(dict(a=1)), "{1: []}:", gc.is_tracked({1: []}))
print("runtime tuple key:", gc.is_tracked({tuple([7, 8]): 0}), "object() value (not a container):", gc.is_tracked({1: object()}))
