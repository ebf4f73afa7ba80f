DEBUG = True  # want "DEBUG is True$"

# a literal True with a refusal beside it never starts: the finding stays
if DEBUG:
    raise RuntimeError("no debug in production")
