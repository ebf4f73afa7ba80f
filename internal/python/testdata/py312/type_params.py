type Point = tuple[float, float]
type ListOrSet[T] = list[T] | set[T]
type Nested[T: (int, str), *Ts, **P] = Callable[P, tuple[T, *Ts]]

def first[T](xs: list[T]) -> T:
    return xs[0]

def bounded[T: int, U: (str, bytes)](a: T, b: U) -> None: pass

class Box[T]:
    def get[S](self, s: S) -> T | S: ...

class Multi[K, V](dict[K, V], metaclass=Meta): pass

async def run[T](x: T) -> T: return x

type = 1
type.x = type
print(type)
