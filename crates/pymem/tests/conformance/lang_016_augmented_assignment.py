# lang: augmented assignment mutates lists in place but rebinds ints, strs and tuples
lst = [1]
alias = lst
lst += [2]
print(lst, alias, lst is alias)
t = (1,)
t_alias = t
t += (2,)
print(t, t_alias, t is t_alias)
n = 10
n -= 3
n *= 4
n //= 3
n **= 2
n %= 50
print(n)
s = "ab"
s *= 3
print(s)
d = {"k": 1}
d["k"] += 5
print(d)
