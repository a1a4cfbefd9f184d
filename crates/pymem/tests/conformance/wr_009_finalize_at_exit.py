# wr: finalizers still alive when the program ends run at exit (atexit=True by default)
import weakref
class Resource:
    pass
keep = Resource()
weakref.finalize(keep, print, "finalizer ran at exit")
quiet = Resource()
f = weakref.finalize(quiet, print, "never printed")
f.atexit = False
print("last line of the script")
