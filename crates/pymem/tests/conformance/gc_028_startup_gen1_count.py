# gc: start-up leaves gc.get_count()[1] at 6, so the program's fifth automatic collection already collects generation 1
import gc
gens = []
keep = []


def cb(phase, info):
    if phase == "stop":
        gens.append(info["generation"])


gc.callbacks.append(cb)
for i in range(9000):
    keep.append([])
gc.callbacks.remove(cb)
print(gens[:12])
