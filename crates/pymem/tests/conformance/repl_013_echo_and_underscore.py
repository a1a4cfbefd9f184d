# REPL: what is echoed (repr of non-None expression values) and the `_` holding the last one
1 + 1
_ * 10
None
"text"
print("printed")
[1, 2]
_
x = 5
x
(1, 2) if x else None
