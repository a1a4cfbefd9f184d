# tm: clear_traces forgets existing allocations (freeing them later is not subtracted)
import tracemalloc
def main():
    tracemalloc.start()
    a = bytes(50000)
    print("traced a:", tracemalloc.get_traced_memory()[0] >= 50033)
    tracemalloc.clear_traces()
    print("after clear_traces:", tracemalloc.get_traced_memory(), tracemalloc.is_tracing())
    del a
    print("freeing the untraced block is not subtracted:", tracemalloc.get_traced_memory()[0] >= 0)
    tracemalloc.clear_traces()
    b = bytes(2000)
    print("new allocations are traced again:", tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
main()
