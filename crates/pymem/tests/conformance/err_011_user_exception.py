# err: a user-defined exception class with a custom message, raised and not caught
class OutOfMemory(Exception):
    def __init__(self, requested):
        super().__init__(f"cannot allocate {requested} bytes")
        self.requested = requested
def allocate(n):
    if n > 1024:
        raise OutOfMemory(n)
    return bytearray(n)
print(len(allocate(16)))
allocate(4096)
