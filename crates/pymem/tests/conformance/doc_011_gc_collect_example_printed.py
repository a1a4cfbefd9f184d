# doc example 5 made visible: what collect returns and what disable/enable change
import gc
print("collect with nothing to free:", gc.collect())
l = []
l.append(l)
del l
print("collect with one self-referencing list:", gc.collect())
print("enabled:", gc.isenabled())
gc.disable()
print("after disable:", gc.isenabled())
l = []
l.append(l)
del l
print("explicit collect still works while disabled:", gc.collect())
gc.enable()
print("after enable:", gc.isenabled())
print("disable/enable return:", gc.disable(), gc.enable())
