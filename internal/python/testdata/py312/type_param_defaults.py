type Alias[T = int] = list[T]
def f[T = str, *Ts = *tuple[int], **P = [int, str]](): pass
class C[T: int = bool]: pass
