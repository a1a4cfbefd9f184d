# REPL: refcounts echoed; the echoed value is kept alive by the REPL's `_`, which adds one reference
import sys
x = [1, 2, 3]
sys.getrefcount(x)
y = x
sys.getrefcount(x)
x
sys.getrefcount(y)
del x
sys.getrefcount(y)
