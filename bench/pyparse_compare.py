# Compares two dump streams ("== PATH" then one line per file) and prints
# "agree=N total=N rejected=N rejected_agree=N".
import sys


def load(path):
    d, cur = {}, None
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            if line.startswith("== "):
                cur = line[3:].rstrip("\n")
            else:
                d[cur] = line.rstrip("\n")
    return d


want, got = load(sys.argv[1]), load(sys.argv[2])
agree = sum(1 for k in want if got.get(k) == want[k])
rejected = [k for k in want if want[k] == "ERROR"]
rejected_agree = sum(1 for k in rejected if got.get(k) == "ERROR")
print("agree=%d total=%d rejected=%d rejected_agree=%d" % (agree, len(want), len(rejected), rejected_agree))
for k in want:
    if got.get(k) != want[k]:
        print("differs:", k, file=sys.stderr)
