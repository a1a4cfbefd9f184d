# tm: each append that outgrows the buffer reallocates it; the new block's traced size is 8 * capacity
import tracemalloc
def main():
    lst = []
    grown = []
    tracemalloc.start()
    for i in range(60):
        tracemalloc.clear_traces()
        lst.append(None)
        size = tracemalloc.get_traced_memory()[0]
        if size:
            grown.append((len(lst), size))
    tracemalloc.stop()
    print(grown)
main()
