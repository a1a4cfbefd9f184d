# gc: with threshold 100 an automatic gen-0 collection starts on every 101st tracked allocation
import gc
events = []
keep = []
def cb(phase, info):
    if phase == "start":
        events.append((info["generation"], len(keep)))
gc.collect()
gc.set_threshold(100, 10, 10)
gc.callbacks.append(cb)
for i in range(350):
    keep.append([])
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
print(events)
