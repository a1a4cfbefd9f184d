# err: an exception raised inside an except block shows both, "During handling ..."
try:
    [][0]
except IndexError:
    {}["k"]
