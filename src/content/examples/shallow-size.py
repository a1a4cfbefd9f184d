import sys

words = ["memory", "management", "in", "python"]
shallow = sys.getsizeof(words)
deep = shallow + sum(sys.getsizeof(w) for w in words)
print("list alone:", shallow)
print("with its strings:", deep)
