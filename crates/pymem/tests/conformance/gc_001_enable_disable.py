# gc: enable/disable/isenabled; disabling stops automatic collections but not gc.collect()
import gc
events = []
gc.callbacks.append(lambda phase, info: phase == "start" and events.append(info["generation"]))
print("initially enabled:", gc.isenabled())
gc.collect()
events.clear()
gc.disable()
keep = [[] for _ in range(2000)]
auto_while_disabled = len(events)
count_while_disabled = gc.get_count()[0]
gc.enable()
more = [[] for _ in range(10)]
auto_after_enable = len(events)
print("automatic collections while disabled:", auto_while_disabled)
print("gen0 count grew past the threshold:", count_while_disabled > 700)
print("collections once re-enabled and allocating:", auto_after_enable)
gc.callbacks.clear()
