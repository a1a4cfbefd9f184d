# lang: try/except/else/finally order, re-raise, raise from, exception attributes
def attempt(x):
    log = []
    try:
        log.append("try")
        r = 10 // x
    except ZeroDivisionError as e:
        log.append("except " + type(e).__name__)
    else:
        log.append("else " + str(r))
    finally:
        log.append("finally")
    return log
print(attempt(2))
print(attempt(0))
def finally_wins():
    try:
        return "try"
    finally:
        print("finally runs before the return completes")
print(finally_wins())
try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(type(e).__name__, e, "cause:", type(e.__cause__).__name__, e.__cause__)
try:
    raise ValueError("a", 1)
except ValueError as e:
    print(e.args, str(e))
