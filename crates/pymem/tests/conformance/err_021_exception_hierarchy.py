# err: except clauses match subclasses; the first matching clause wins; bare except and Exception
class AppError(Exception):
    pass
class MemError(AppError):
    pass
def classify(exc):
    try:
        raise exc
    except MemError:
        return "MemError clause"
    except AppError:
        return "AppError clause"
    except (KeyError, IndexError) as e:
        return "lookup clause: " + type(e).__name__
    except Exception as e:
        return "Exception clause: " + type(e).__name__
for exc in (MemError("m"), AppError("a"), KeyError("k"), IndexError(), ZeroDivisionError(), LookupError()):
    print(classify(exc))
print(issubclass(KeyError, LookupError), issubclass(RecursionError, RuntimeError), issubclass(ModuleNotFoundError, ImportError))
print([c.__name__ for c in MemError.__mro__])
