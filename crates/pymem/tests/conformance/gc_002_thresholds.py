# gc: get_threshold/set_threshold; omitted values keep their old setting; 0 disables automatic collection
import gc
print(gc.get_threshold())
gc.set_threshold(100)
print(gc.get_threshold())
gc.set_threshold(100, 2, 3)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold(), "isenabled:", gc.isenabled())
events = []
gc.callbacks.append(lambda phase, info: events.append(phase))
keep = [[] for _ in range(5000)]
gc.callbacks.clear()
print("automatic collections with threshold 0:", len(events))
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
