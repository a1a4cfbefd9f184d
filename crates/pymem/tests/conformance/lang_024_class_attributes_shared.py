# lang: a mutable class attribute is shared by all instances; assigning through an instance shadows it
class Team:
    members = []
    size = 0
    def join(self, who):
        self.members.append(who)
        self.size += 1
a = Team()
b = Team()
a.join("x")
b.join("y")
print(Team.members, a.members is b.members)
print(Team.size, a.size, b.size, "size" in vars(a))
