# mod: 1000 ints in an array('i') take 4 bytes each; a list needs 8-byte pointers plus int objects
import array, sys
n = 1000
arr = array.array("i", range(n))
lst = list(range(n))
print("array:", sys.getsizeof(arr))
print("list:", sys.getsizeof(lst), "+ int objects:", sum(sys.getsizeof(v) for v in lst if v > 256))
print("array('d') of the same:", sys.getsizeof(array.array("d", range(n))))
print("array('b', bytes(1000)):", sys.getsizeof(array.array("b", bytes(1000))))
