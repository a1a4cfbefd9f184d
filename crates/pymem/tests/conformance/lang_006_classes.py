# lang: classes with __init__, methods, class attributes, __repr__, __str__
class Account:
    bank = "PyBank"
    count = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        Account.count += 1
    def deposit(self, amount):
        self.balance += amount
        return self
    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"
    def __str__(self):
        return f"{self.owner}: {self.balance}"
a = Account("ann")
b = Account("bob", 10)
a.deposit(5).deposit(7)
print(a, b)
print(repr(a), [a, b])
print(Account.count, a.bank, Account.bank)
a.bank = "Other"
print(a.bank, b.bank, Account.bank)
