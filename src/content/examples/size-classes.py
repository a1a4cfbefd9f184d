import sys

pi = 3.14159           # float: 24 bytes, served from a 32-byte pymalloc block
word = "pymalloc"      # str: 57 bytes, a 64-byte block
items = [pi, word]     # list: 56-byte object + a separate 16-byte item buffer
big = bytes(1000)      # 1033 bytes > 512: too big for pymalloc, uses malloc
for obj in (pi, word, items, big):
    print(type(obj).__name__, sys.getsizeof(obj))
