# REPL: identifier-like string constants are interned across inputs, others are not
s1 = "hello_world"
s2 = "hello_world"
s1 is s2
t1 = "hello world"
t2 = "hello world"
t1 is t2
t1 == t2
import sys
sys.intern(t1) is sys.intern(t2)
