import gc

# Force garbage collection
gc.collect()

# Disable garbage collection
gc.disable()
gc.enable()
