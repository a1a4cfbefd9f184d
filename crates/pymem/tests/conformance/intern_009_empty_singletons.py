# intern: empty str, tuple and bytes are singletons however they are made; empty list/dict/frozenset are not
es = ""
et = ()
eb = b""
print("str:", es is str(), "".join([]) is es, "abc"[5:] is es)
print("tuple:", et is tuple(), tuple([]) is et, (1, 2)[2:] is et)
print("bytes:", eb is bytes(), bytes(0) is eb, b"xyz"[3:] is eb)
print("list:", [] is [], "dict:", {} is {}, "frozenset:", frozenset() is frozenset())
