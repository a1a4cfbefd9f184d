# lang: list, dict, set comprehensions and generator expressions, nested and filtered
print([x * x for x in range(6) if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print({x: x * x for x in range(5)})
print(sorted({x % 4 for x in range(20)}))
print(sum(x for x in range(101)))
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [row[1] for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
x = "outer"
print([x for x in range(2)], x)
