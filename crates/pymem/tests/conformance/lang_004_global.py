# lang: global statement vs local shadowing
total = 0
def add(n):
    global total
    total += n
def shadow():
    total = 100
    return total
add(5)
add(7)
print(total, shadow(), total)
def read_only():
    return total * 2
print(read_only())
