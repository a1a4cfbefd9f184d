# lang: a class with __iter__/__next__ works in for loops, list(), sum()
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)))
print(sum(Countdown(4)))
for v in Countdown(2):
    print("v", v)
class Squares:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        for i in range(self.n):
            yield i * i
    def __len__(self):
        return self.n
sq = Squares(4)
print(list(sq), list(sq), len(sq))
