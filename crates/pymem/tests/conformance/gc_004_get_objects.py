# gc: get_objects() lists tracked containers only; get_objects(generation) after a full collection
import gc
class Node:
    pass
n = Node()
lst = [1, 2]
num = 10 ** 20
s = "".join(["a", "b"])
objs = gc.get_objects()
print("instance:", any(o is n for o in objs), "list:", any(o is lst for o in objs))
print("int:", any(o is num for o in objs), "str:", any(o is s for o in objs))
del objs
gc.collect()
young = [[]]
print("new list in gen 0:", any(o is young for o in gc.get_objects(0)))
print("old list in gen 0:", any(o is lst for o in gc.get_objects(0)))
print("old list in gen 2:", any(o is lst for o in gc.get_objects(2)))
print("result is a list:", type(gc.get_objects()).__name__)
