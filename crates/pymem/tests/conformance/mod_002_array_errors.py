# mod: array.array checks each value against its C type
import array
tests = [("b", 200), ("B", -1), ("i", 1.5), ("h", 40000), ("d", "x")]
for code, value in tests:
    try:
        array.array(code, [value])
        print(code, value, "ok")
    except (OverflowError, TypeError) as e:
        print(code, repr(value), type(e).__name__ + ":", e)
try:
    array.array("z")
except ValueError as e:
    print("ValueError:", e)
