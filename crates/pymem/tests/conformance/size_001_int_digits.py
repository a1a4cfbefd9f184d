# size: ints grow by 4 bytes per 30-bit digit; the sign does not change the size; bool is an int
import sys
for bits in (0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 120, 300):
    v = 2 ** bits
    print(bits, sys.getsizeof(v), sys.getsizeof(-v), sys.getsizeof(v - 1))
print("0:", sys.getsizeof(0), "True:", sys.getsizeof(True), "10**100:", sys.getsizeof(10 ** 100))
print("googol digits:", (sys.getsizeof(10 ** 100) - 24) // 4)
