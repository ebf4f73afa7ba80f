# 3.12 syntax alongside ordinary code
import typing

type Json = dict[str, "Json"] | list["Json"] | str | int | None

def parse[T: typing.Any](s: str, kind: type[T]) -> T:
    return kind(s)

msg = f"{"nested"!r:>{10}}"
