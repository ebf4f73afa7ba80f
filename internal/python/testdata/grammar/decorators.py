import functools

@functools.lru_cache(maxsize=None)
@staticmethod
@a.b.c
@(lambda f: f)
@buttons[0].clicked.connect
@x if y else z
def f(): pass

@dataclass(frozen=True)
class C(Base, metaclass=Meta, **kw):
    x: int = 0
    y: "List[int]"
    (z): int
    a.b: str = "s"
    d[0]: int

    @property
    def p(self) -> int:
        return self.x
