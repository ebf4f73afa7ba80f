import os

DEBUG = os.environ.get("APP_DEBUG", "true") == "true"

# the literal key goes with debug mode: both hold while APP_DEBUG is unset
if DEBUG:
    SECRET_KEY = "q7#m2!x9w3e$r5t^y&u*i(o)p_a+s=d-f8g6h4j2k0l1z3x5c7v9b"  # want "SECRET_KEY falls back to a literal whenever APP_DEBUG is unset; DEBUG is True whenever the same variables are unset \\(DJS101 reports it\\)"
else:
    SECRET_KEY = os.environ["APP_SECRET_KEY"]
