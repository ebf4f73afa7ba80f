import os
import os.path
import a.b.c as d, e
from . import x
from .. import y as z
from ...pkg.mod import (a, b as c,
    d,)
from .mod import *
from __future__ import annotations

global g1, g2

def outer():
    x = 1
    def inner():
        nonlocal x
        global g
        x += 1
    return inner

if a:
    pass
elif b:
    pass
elif c: pass
else:
    pass

while True:
    break
else:
    continue_ = 1

for i in range(10):
    continue
else:
    pass

try:
    pass
except ValueError as e:
    raise
except (TypeError, KeyError):
    raise RuntimeError("x") from e
except:
    pass
else:
    pass
finally:
    pass

try:
    pass
finally:
    pass

try:
    pass
except* ValueError:
    pass
except* (TypeError, KeyError) as eg:
    pass

with open(f) as g, open(h) as (i, j):
    pass
with (open(f) as g, open(h) as i):
    pass
with (a, b):
    pass
with (a, b) as c:
    pass
with (a):
    pass
with (a) as b, c:
    pass
with (yield):
    pass
with a as b[0], c as d.e: pass

assert x, "message"
assert x
del x
pass; pass;
x = 1; y = 2
x += 1; x -= 1; x *= 1; x /= 1; x //= 1; x %= 1; x **= 1
x >>= 1; x <<= 1; x &= 1; x |= 1; x ^= 1; x @= 1
a.b += 1
a[0] -= 1
class Empty: pass
class E2(): pass
class E3(object,): pass
if x: y = 1; z = 2
raise
raise E
return_ = None
