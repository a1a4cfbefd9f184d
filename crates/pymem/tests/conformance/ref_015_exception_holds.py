# ref: an exception's traceback keeps the raising frame's locals alive until the except block ends
import sys
class Token:
    def __del__(self):
        print("token freed")
def fail():
    t = Token()
    raise ValueError("boom")
try:
    fail()
except ValueError as e:
    print("in except: frame still alive via e.__traceback__")
try:
    e
except NameError:
    print("after except: the name e was deleted")
