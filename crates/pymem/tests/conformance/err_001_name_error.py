# err: uncaught NameError; output printed before the error is kept
print("before")
print(undefined_name)
print("never")
