# size: results of str operations: upper/slicing/join/concat/f-strings are new compact strings
import sys
s = "memory" * 10
print(len(s), sys.getsizeof(s))
print("slice of 10:", sys.getsizeof(s[:10]), "upper:", sys.getsizeof(s.upper()))
print("join of 3:", sys.getsizeof("-".join(["ab", "cd", "ef"])))
print("concat:", sys.getsizeof(s + "x"), "f-string:", sys.getsizeof(f"{s}{1234}"))
print("str(12345):", sys.getsizeof(str(12345)), "repr([1, 2]):", sys.getsizeof(repr([1, 2])))
