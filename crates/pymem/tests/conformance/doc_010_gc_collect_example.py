# doc example 5 run as written: gc.collect, gc.disable, gc.enable (prints nothing)
import gc

# Force garbage collection
gc.collect()

# Disable garbage collection
gc.disable()
gc.enable()
