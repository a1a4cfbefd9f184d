# tm: 1000 instances with 2 attributes (object + values array each) vs __slots__ instances
import tracemalloc
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
class SPoint:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
def main():
    tracemalloc.start()
    tracemalloc.clear_traces()
    pts = [Point(i, i) for i in range(1000)]
    plain = tracemalloc.get_traced_memory()[0]
    tracemalloc.clear_traces()
    spts = [SPoint(i, i) for i in range(1000)]
    slots = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print("plain instances:", plain)
    print("__slots__ instances:", slots)
    print("saved per instance:", (plain - slots) // 1000)
main()
