# size: the same 10 items cost different amounts depending on how the list was built
import sys
n = 10
src = tuple(range(n))
ways = [
    ("literal", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ("list(tuple)", list(src)),
    ("list(range)", list(range(n))),
    ("comprehension", [i for i in range(n)]),
    ("list(genexpr)", list(i for i in range(n))),
    ("[0] * n", [0] * n),
    ("append loop", None),
    ("extend", None),
    ("slice copy", list(range(20))[:n]),
    ("concatenation", [0, 1, 2, 3, 4] + [5, 6, 7, 8, 9]),
    ("sorted", sorted(src)),
    ("copy()", list(range(n)).copy()),
]
for name, lst in ways:
    if name == "append loop":
        lst = []
        for i in range(n):
            lst.append(i)
    if name == "extend":
        lst = []
        lst.extend(src)
    print(name, len(lst), sys.getsizeof(lst))
