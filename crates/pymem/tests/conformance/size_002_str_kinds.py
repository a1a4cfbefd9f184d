# size: compact ASCII str = 49 + n; latin-1 = 73 + n; UCS-2 = 74 + 2n; UCS-4 = 76 + 4n; one wide char widens all
import sys
for n in (0, 1, 5, 50):
    print(n, sys.getsizeof("a" * n), sys.getsizeof("\xe9" * n), sys.getsizeof("\u0101" * n), sys.getsizeof("\U0001F40D" * n))
print("mixed ascii + one latin-1:", sys.getsizeof("abcdefghi\xe9"))
print("mixed ascii + one UCS-2:", sys.getsizeof("abcdefghi\u20ac"))
print("mixed ascii + one UCS-4:", sys.getsizeof("abcdefghi\U0001F40D"))
print("empty string:", sys.getsizeof(""), "len of snake:", len("\U0001F40D"))
