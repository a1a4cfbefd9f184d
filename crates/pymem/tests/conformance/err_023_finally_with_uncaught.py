# err: finally blocks and __exit__ run before the uncaught exception is reported
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *exc):
        print("exit with", exc[0].__name__)
        return False
def work():
    try:
        with Ctx():
            raise ValueError("inside with")
    finally:
        print("finally in work")
work()
