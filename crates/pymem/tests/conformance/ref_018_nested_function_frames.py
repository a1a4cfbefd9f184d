# ref: locals of every frame on the call stack count; they are released as frames return
import sys
log = []
def inner(x):
    y = x
    log.append(("inner", sys.getrefcount(x)))
def outer(x):
    z = x
    log.append(("outer before", sys.getrefcount(x)))
    inner(x)
    log.append(("outer after", sys.getrefcount(x)))
o = object()
outer(o)
log.append(("module", sys.getrefcount(o)))
for entry in log:
    print(*entry)
