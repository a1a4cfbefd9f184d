import gc

class Node:
    pass

gc.collect()
before = [s["collections"] for s in gc.get_stats()]
survivors = []
for i in range(3000):
    n = Node()
    n.self = n                 # a cycle: garbage once n is rebound
    if i % 100 == 0:
        survivors.append(n)    # these live on and get promoted
after = [s["collections"] for s in gc.get_stats()]
print("collections per generation:", [a - b for a, b in zip(after, before)])
print("survivors:", len(survivors))
