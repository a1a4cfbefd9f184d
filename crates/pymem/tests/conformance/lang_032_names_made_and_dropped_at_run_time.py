# Names made and dropped at run time: an interned name dies with its last
# reference (3.11), and a new name may then reuse its memory.
for i in range(300):
    exec("name_" + str(i) + " = " + str(i) + "\nlast = name_" + str(i) + "\ndel name_" + str(i))
print(last)
for i in range(50):
    exec("v" + str(i) + "x = [" + str(i) + "]\nw = v" + str(i) + "x[0] + 1")
print(w, v49x)
