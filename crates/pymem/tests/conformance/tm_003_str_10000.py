# tm: a 10,000-character string is one block: 49 + n bytes for ASCII, 74 + 2n for UCS-2 (clear_traces, then measure)
import tracemalloc
def main():
    tracemalloc.start()
    tracemalloc.clear_traces()
    s = "x" * 10000
    ascii_size = tracemalloc.get_traced_memory()[0]
    tracemalloc.clear_traces()
    u = "\u20ac" * 10000
    ucs2_size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print("ascii:", ascii_size, "= 49 + 10000")
    print("UCS-2:", ucs2_size, "= 72 + 2 * (10000 + 1)")
main()
