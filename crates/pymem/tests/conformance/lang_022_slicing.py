# lang: slicing lists, strings and tuples with negative indexes, steps and slice assignment
s = "memory lab"
lst = list(range(10))
print(s[1:4], s[-3:], s[::-1], s[::3])
print(lst[2:8:2], lst[:-7], lst[8:2:-2])
print((1, 2, 3, 4)[1:])
lst[2:5] = ["a", "b"]
print(lst)
lst[::3] = [0, 0, 0]
print(lst)
print(lst[100:], lst[-100:2])
