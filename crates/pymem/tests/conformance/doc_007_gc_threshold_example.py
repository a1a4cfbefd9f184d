# doc example 3 run as written: default collection thresholds
import gc
print(gc.get_threshold())  # View thresholds for garbage collection in each generation
