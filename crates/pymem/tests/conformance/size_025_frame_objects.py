# size: a frame object made for a traceback holds its code's locals and stack slots (_PyFrame_New_NoTrack: co_nlocalsplus + co_stacksize), nothing more
import sys


def f(a, b):
    c = a + b
    raise ValueError(c)


def g(n):
    items = [n, n + 1, (n, n * 2)]
    total = len(items) + items[2][1]
    return total // 0


for fn, args in ((f, (1, 2)), (g, (3,))):
    try:
        fn(*args)
    except (ValueError, ZeroDivisionError) as e:
        tb = e.__traceback__
        print(fn.__name__, sys.getsizeof(tb.tb_frame), sys.getsizeof(tb.tb_next.tb_frame), sys.getsizeof(tb))
