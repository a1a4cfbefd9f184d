# err: a traceback lists every frame from the module down to the raising line
def level3(x):
    return x["missing"]
def level2(x):
    return level3(x) + 1
def level1():
    data = {"present": 1}
    return level2(data)
print("calling")
level1()
