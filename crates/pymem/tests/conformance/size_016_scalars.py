# size: float, complex, bool, None, object(), Ellipsis, NotImplemented
import sys
print("float", sys.getsizeof(0.0), sys.getsizeof(1e300))
print("complex", sys.getsizeof(1 + 2j))
print("bool", sys.getsizeof(False), "None", sys.getsizeof(None))
print("object()", sys.getsizeof(object()), "Ellipsis", sys.getsizeof(...), "NotImplemented", sys.getsizeof(NotImplemented))
