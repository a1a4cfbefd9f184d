# intern: x ** n is folded only if bits(x) * n <= 128, so 2 ** 64 is one constant and 2 ** 65 is computed
def p64():
    return 2 ** 64
def p65():
    return 2 ** 65
def p100():
    return 2 ** 100
def product():
    return 1000 * 1000
def shifted():
    return 1 << 100
print("2**64 folded:", p64() is p64(), p64())
print("2**65 folded:", p65() is p65())
print("2**100 folded:", p100() is p100())
print("1000*1000 folded:", product() is product(), product())
print("1 << 100 folded:", shifted() is shifted())
