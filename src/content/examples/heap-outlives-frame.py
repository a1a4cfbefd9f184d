def make_point(x, y):
    point = {"x": x, "y": y}   # the dict is allocated on the heap
    return point               # the frame ends; the dict survives

p = make_point(3, 4)
q = p                          # a second reference, not a copy
print(p, p is q)
