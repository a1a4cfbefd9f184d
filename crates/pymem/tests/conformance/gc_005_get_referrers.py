# gc: get_referrers finds the containers that point at an object
import gc
class Box:
    pass
target = []
holder_list = [target]
holder_dict = {"t": target}
holder_tuple = (target, 1)
box = Box()
box.t = target
refs = gc.get_referrers(target)
print("list:", any(r is holder_list for r in refs))
print("dict:", any(r is holder_dict for r in refs))
print("tuple:", any(r is holder_tuple for r in refs))
print("instance (3.11: the instance itself, its values are inline):", any(r is box for r in refs))
print("module globals dict:", any(r is globals() for r in refs))
lonely = []
print("referrers of an object only named by a global:", [type(r).__name__ for r in gc.get_referrers(lonely)])
