import gc
print(gc.get_threshold())  # View thresholds for garbage collection in each generation
