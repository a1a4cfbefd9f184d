# del: a local object lives until the exception that references its frame is gone
class T:
    def __del__(self):
        print("  __del__ T")
def fails():
    t = T()
    raise KeyError("k")
def handler():
    try:
        fails()
    except KeyError:
        print("handling")
    print("after handler block")
handler()
print("end")
