# REPL: x = 1000 / y = 1000 on separate inputs are different objects; 256 is cached; a line with ; is one compile
x = 1000
y = 1000
x is y
x == y
m = 256
n = 256
m is n
p = 257
q = 257
p is q
c = 1000; d = 1000
c is d
