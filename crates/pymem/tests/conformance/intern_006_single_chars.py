# intern: one-character latin-1 strings from indexing/chr are cached; wider ones are not
s = "hello"
t = "".join(["h", "ello"])
print("s[0] is t[0]:", s[0] is t[0])
print("chr(65) twice:", chr(65) is chr(65), "chr(255):", chr(255) is chr(255), "chr(256):", chr(256) is chr(256))
w = "\u0100\u0100"
print("index of UCS-2 string:", w[0] is w[1])
