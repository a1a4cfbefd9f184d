import sys
x = 1000
sys.getrefcount(x)
print(sys.getrefcount(1000))
y = 1000; z = 1000
sys.getrefcount(y)
s = "hello world!"
sys.getrefcount(s)
name = "memory_word"
sys.getrefcount(name)
