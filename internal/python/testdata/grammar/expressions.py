a = b if c else d
a = b or c or d and e and not f
a = not not b
a = b < c <= d > e >= f == g != h
a = b is not c is d in e not in f
a = b | c ^ d & e << f >> g + h - i * j / k // l % m @ n
a = -b ** -c ** d
a = ~b
a = (b + c) * d
a = b[1:2], b[::], b[:], b[1:], b[:2], b[::2], b[1:2:3], b[:, 1], b[..., None]
a = b.c.d(e)(f)[g].h
a = [i for i in range(10) if i if i > 2 for j in i]
a = {i: j for i, j in k}
a = {i for i in j}
a = (i for i in j)
a = [[i for i in j] for j in k]
a = lambda x: lambda y: x + y
a = ...
a = None, True, False
a = ()
a = (1,)
a = (1)
a = [], {}, [1,], {1,}, {1: 2,}
a = await_ = 1
a = (yield)
a = f(x for x in y)
a = f(*[x for x in y])
a = x if y else (lambda: z)
a = [*range(3)]
a = f(a)(b)(c)
a = "%s" % (x,)
a = x[y:=1] if False else 0
a = b @ c
a = (a for b in c for d in e if f)
print(a, end="", sep=" ", file=sys.stderr)
f(**{'a': 1})
x = (  # comment
    1  # another
    + 2
)
y = [
    1,
    2,
]
type = 1
type.x = 2
type(x)
