a, *b = c
*a, b = c
[a, *b] = c
(a, b), c = d
a, = b
for x, *y in z: pass
for (a, b) in c: pass
for [a, b] in c: pass
print(*a, *b, **c, **d)
f(a, *b, c=1, *d, **e)
x = [*a, *b]
x = {*a, *b}
x = {**a, "b": 1, **c}
x = *a, *b
return_value = (*a, b)
def g():
    return *a, b
def h():
    yield *a, b
for x in *a, *b: pass
a[*b]
a[1:2, *b]
a[b, *c]
del a, b[0], c.d, (e, f), [g]
del (a), [b], (c,)
x = y = z = 1
a.b = c[d] = e
x, y = y, x
i = j = *k, = l
