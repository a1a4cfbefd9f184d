# err: unbounded recursion ends in RecursionError; the traceback folds the repeated lines
def forever(n):
    return forever(n + 1)
forever(0)
