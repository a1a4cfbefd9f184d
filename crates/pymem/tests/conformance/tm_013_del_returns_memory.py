# tm: deleting the last reference gives the memory back at once (current drops, peak stays)
import tracemalloc
def main():
    tracemalloc.start()
    tracemalloc.clear_traces()
    data = [bytes(1000) for _ in range(100)]
    t1, p1 = tracemalloc.get_traced_memory()
    del data
    t2, p2 = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print("allocated:", t1, "= 100 * 1033 + 864 (buffer for 108 slots; the list object itself came from the free list)")
    print("after del, less than 100 bytes left:", t2 < 100, "peak kept:", p2 >= t1)
main()
