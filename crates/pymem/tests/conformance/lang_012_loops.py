# lang: while, for-else, break, continue
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("while", n)
for i in range(2, 20):
    for d in range(2, i):
        if i % d == 0:
            break
    else:
        print("prime", i)
for x in []:
    print("never")
else:
    print("for-else on empty runs else")
while True:
    n -= 1
    if n < 0:
        break
print("n =", n)
