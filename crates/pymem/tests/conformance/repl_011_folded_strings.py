# REPL: "a"*4096 is folded to an interned constant, "a"*4097 is computed at run time
a = "a" * 4096
b = "a" * 4096
a is b
c = "a" * 4097
d = "a" * 4097
c is d
len(c)
