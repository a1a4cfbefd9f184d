# err: a SyntaxError is reported before anything runs (so nothing is printed)
print("never printed")
x = (1, 2
y = 3
