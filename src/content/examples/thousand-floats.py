import sys

# 1,000 readings: each float is an object of its own, with its own header.
temps = [20.0 + i / 100 for i in range(1000)]
print(len(temps), "floats")
print("the list:  ", sys.getsizeof(temps), "bytes: 8 per slot, with spare slots")
print("the floats:", sum(sys.getsizeof(t) for t in temps), "bytes (24 each)")
