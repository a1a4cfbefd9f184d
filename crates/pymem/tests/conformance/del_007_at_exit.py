# del: objects still referenced by globals are finalized during interpreter shutdown, after the last line
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)
keep = T("global object")
print("last line")
