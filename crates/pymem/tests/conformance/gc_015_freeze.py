# gc: freeze moves everything to a permanent generation; unfreeze brings it back to the oldest
import gc
gc.collect()
keep = [[] for _ in range(10)]
before = gc.get_count()
gc.freeze()
after = gc.get_count()
frozen = gc.get_freeze_count()
x = []
x.append(x)
young = any(o is x for o in gc.get_objects(0))
gc.unfreeze()
print("count before freeze > 0:", before[0] > 0, "after:", after)
print("frozen objects > 10:", frozen > 10)
print("new objects still go to gen 0:", young)
print("after unfreeze:", gc.get_freeze_count(), "kept list in gen 2:", any(o is keep for o in gc.get_objects(2)))
