# size: list size after each append from 0 to 100 items
import sys
lst = []
sizes = [sys.getsizeof(lst)]
for i in range(100):
    lst.append(i)
    sizes.append(sys.getsizeof(lst))
print(sizes)
print("distinct sizes:", sorted(set(sizes)))
