# gc: keeping a caught exception in a local of the frame it was caught in creates a cycle
import gc
gc.collect()
def catch():
    try:
        raise ValueError("x")
    except ValueError as e:
        saved = e
    return None
catch()
print("exception <-> traceback <-> frame cycle collected, more than 0:", gc.collect() > 0)
def catch_clean():
    try:
        raise ValueError("x")
    except ValueError as e:
        return str(e)
catch_clean()
print("without saving it:", gc.collect())
