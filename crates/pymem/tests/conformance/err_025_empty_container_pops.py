# The messages of pops from empty containers (KeyError shows its argument's repr).
try:
    {}.popitem()
except KeyError as e:
    print(repr(e), e)
try:
    set().pop()
except KeyError as e:
    print(repr(e), e)
try:
    [].pop()
except IndexError as e:
    print(repr(e), e)
try:
    {}["x"]
except KeyError as e:
    print(repr(e), e)
import collections
try:
    collections.deque().pop()
except IndexError as e:
    print(repr(e), e)
