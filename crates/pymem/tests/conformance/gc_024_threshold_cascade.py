# gc: every 11th gen-0 collection is a gen-1 collection (threshold 10 counts collections of the younger generation)
import gc
gens = []
keep = []
def cb(phase, info):
    if phase == "stop":
        gens.append(info["generation"])
gc.collect()
gc.set_threshold(50, 10, 10)
gc.callbacks.append(cb)
for i in range(1000):
    keep.append([])
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
print(gens)
print("gen-1 collections at positions:", [i for i, g in enumerate(gens) if g == 1])
