# tm: a dict of 100 items: only the key table is new when keys/values are small ints
import tracemalloc
def main():
    tracemalloc.start()
    tracemalloc.clear_traces()
    d = {i: i for i in range(100)}
    small = tracemalloc.get_traced_memory()[0]
    tracemalloc.clear_traces()
    big = {i: i for i in range(1000, 1100)}
    large = tracemalloc.get_traced_memory()[0]
    tracemalloc.clear_traces()
    s = {str(i): i for i in range(100)}
    strs = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print("100 small-int items:", small)
    print("100 int items > 256 (each key is also its value):", large, "=", small, "+ 100 * 32")
    print("100 str keys of 1-2 chars with small-int values:", strs)
main()
