def f(a, b, /, c, d=1, *args, e, f=2, **kwargs): pass
def g(a, /): pass
def h(a=1, /, b=2, *, c, d=3): pass
def i(*, a): pass
def j(*args, **kwargs): pass
def k(a: int, b: "str" = "x", *c: int, d: list[int] = [], **e: dict) -> None: pass
def l(self, x, y,): pass
def m(
    a,
    b=2,
    *,
    c,
): pass
lambda: 0
lambda a, b=1, /, c=2, *d, e, f=3, **g: a
lambda *a, **k: 0
lambda *, a: a
lambda a,: a
def star_annotation(*args: *Ts): pass
x = lambda: (yield)
