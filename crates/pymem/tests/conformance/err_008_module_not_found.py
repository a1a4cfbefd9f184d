# err: importing a module that is not available
import gc
import memory_profiler
