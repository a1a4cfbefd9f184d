import gc

# Force garbage collection
print(gc.collect())       # how many unreachable objects it found

# Disable garbage collection
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
