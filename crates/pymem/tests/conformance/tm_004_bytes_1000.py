# tm: bytes(1000) is one 1033-byte block; bytearray(1000) is a 56-byte object plus a 1001-byte buffer
import tracemalloc
def main():
    tracemalloc.start()
    tracemalloc.clear_traces()
    b = bytes(1000)
    bytes_size = tracemalloc.get_traced_memory()[0]
    tracemalloc.clear_traces()
    ba = bytearray(1000)
    bytearray_size = tracemalloc.get_traced_memory()[0]
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    print("bytes(1000):", bytes_size)
    print("bytearray(1000):", bytearray_size, "blocks now (32 is the int holding bytearray_size):", sorted(t.size for t in snap.traces))
main()
