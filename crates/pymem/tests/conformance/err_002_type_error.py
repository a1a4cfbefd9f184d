# err: uncaught TypeError from adding an int and a str
total = 1
label = "items"
print(total + label)
