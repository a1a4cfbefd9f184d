# REPL: a cycle made at the prompt, collected by an echoed gc.collect(); get_threshold echoes a tuple
import gc
gc.collect()
l = []
l.append(l)
del l
gc.collect()
gc.get_threshold()
gc.isenabled()
