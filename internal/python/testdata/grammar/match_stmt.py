match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        print("Origin")
    case Point(x, y=5) | Point(0, 0):
        pass
    case [Point(x=0, y=0), *rest]:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case {1: _, -2: _, 1.5: _, "s" "t": _, b"b": _, None: _, True: _, a.b: _}:
        pass
    case (1 | 2 | 3) as n if n > 1:
        pass
    case -1 | 1+2j | -1-2j | 0j | 1.0e3 | None | True | False:
        pass
    case [1, 2, *_] | (3, 4) | () | []:
        pass
    case (a,):
        pass
    case a.b.c:
        pass
    case str() | bytes():
        pass
    case _:
        pass
match x,:
    case _: pass
match *a, b:
    case [*_, _]: pass
match = 1
match.x = 2
match(x)
match[1]
case = 3
_ = case
print(match, case)
def match(): pass
match x:
    case 1 if (y := x): pass
    case a, *b: pass
    case *a, b,: pass
