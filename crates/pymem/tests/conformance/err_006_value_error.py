# err: uncaught ValueError from int()
print(int("twelve"))
