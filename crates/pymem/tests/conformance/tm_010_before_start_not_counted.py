# tm: memory allocated before start() is invisible, and freeing it does not go negative
import tracemalloc
old = bytes(30000)
tracemalloc.start()
del old
print("after freeing an untraced block:", tracemalloc.get_traced_memory())
new = bytes(30000)
print("new block:", tracemalloc.get_traced_memory()[0] >= 30033)
tracemalloc.stop()
