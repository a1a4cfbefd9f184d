# mod: gc module debug flags and types of its results
import gc
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(type(gc.get_count()).__name__, len(gc.get_count()), type(gc.get_stats()).__name__)
print(type(gc.garbage).__name__, type(gc.callbacks).__name__)
