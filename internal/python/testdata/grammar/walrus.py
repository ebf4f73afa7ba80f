if (n := len(a)) > 10:
    print(n)
while chunk := f.read(10):
    pass
[y := f(x), y ** 2]
{x := 1}
print(x := 3, y := 4)
a[x := 1]
a[(x := 1):2]
data = [y for x in d if (y := g(x))]
{(c := a): (a := b) for _ in r}
lambda: (x := 1)
assert (v := 1)
def g(x=(y := 1)): pass
