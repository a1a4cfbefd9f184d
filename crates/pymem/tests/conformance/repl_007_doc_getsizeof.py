# REPL: doc example 6 typed at the prompt, plus the echoed form
import sys
x = [1, 2, 3]
print(sys.getsizeof(x))  # Output: Size of the list in bytes
sys.getsizeof(x)
