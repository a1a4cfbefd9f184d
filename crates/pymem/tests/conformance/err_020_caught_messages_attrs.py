# err: attribute and unpacking messages, exception attributes, str of exceptions with several args
def show(fn):
    try:
        fn()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", str(e), "| args:", e.args)
class Slotted:
    __slots__ = ("a",)
class Plain:
    pass
show(lambda: Plain().missing)
show(lambda: Slotted().a)
show(lambda: Plain.missing)
show(lambda: [].nope)
show(lambda: (1).real.imag.nope)
show(lambda: "s".append(1))
show(lambda: setattr(1, "x", 2))
show(lambda: setattr(Slotted(), "b", 2))
def raise_args():
    raise ValueError("one", 2)
show(raise_args)
def raise_empty():
    raise KeyError()
show(raise_empty)
def raise_class():
    raise IndexError
show(raise_class)
