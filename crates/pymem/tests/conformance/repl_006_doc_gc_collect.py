# REPL: doc example 5 typed at the prompt: gc.collect() echoes its count, disable/enable echo nothing
import gc

# Force garbage collection
gc.collect()

# Disable garbage collection
gc.disable()
gc.enable()
gc.isenabled()
