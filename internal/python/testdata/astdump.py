# Reads file paths on stdin, one per line, and prints for each "== PATH"
# followed by one line: ast.dump(ast.parse(source)) or ERROR. Used by the
# differential test and bench/pyparse.sh so one python3 process serves
# the whole corpus. With -t it prints total ast.parse seconds to stderr.
import ast
import sys
import time

timing = "-t" in sys.argv
total = 0.0
out = sys.stdout
for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    with open(path, "rb") as f:
        src = f.read()
    out.write("== " + path + "\n")
    try:
        t0 = time.perf_counter()
        tree = ast.parse(src)
        total += time.perf_counter() - t0
        out.write(ast.dump(tree) + "\n")
    except Exception:
        out.write("ERROR\n")
out.flush()
if timing:
    sys.stderr.write("%.3f\n" % total)
