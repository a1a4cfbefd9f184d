# gc: argument checking of collect and set_threshold
import gc
for gen in (3, -1):
    try:
        gc.collect(gen)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    gc.set_threshold()
except TypeError as e:
    print(type(e).__name__, e)
print(gc.collect(generation=0) >= 0)
