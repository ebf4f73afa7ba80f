# Times CPython's ast.parse over the files named on stdin, one process,
# sources read before timing, and prints the total parse seconds.
import ast
import sys
import time

srcs = []
for line in sys.stdin:
    path = line.rstrip("\n")
    if path:
        with open(path, "rb") as f:
            srcs.append(f.read())
total = 0.0
for src in srcs:
    t0 = time.perf_counter()
    try:
        ast.parse(src)
    except Exception:
        pass
    total += time.perf_counter() - t0
print("%.3f" % total)
