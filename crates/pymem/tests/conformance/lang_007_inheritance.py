# lang: single inheritance, super(), method override, isinstance/issubclass-like checks
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
class Dog(Animal):
    sound = "woof"
    def __init__(self, name, tricks):
        super().__init__(name)
        self.tricks = tricks
    def speak(self):
        return super().speak() + "!"
d = Dog("rex", ["sit"])
a = Animal("generic")
print(d.speak(), "|", a.speak())
print(isinstance(d, Animal), isinstance(a, Dog), type(d).__name__, Dog.__mro__[1].__name__)
print(d.tricks, d.name)
