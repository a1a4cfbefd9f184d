# REPL: doc example 3 (print) and the same call as an echoed expression
import gc
print(gc.get_threshold())  # View thresholds for garbage collection in each generation
gc.get_threshold()
