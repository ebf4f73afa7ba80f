import os

DEBUG = os.environ.get("APP_DEBUG", "true") == "true"

# looks alike: the key falls back whenever its own variable is unset, debug or not
SECRET_KEY = os.environ.get("APP_SECRET_KEY", "q7#m2!x9w3e$r5t^y&u*i(o)p_a+s=d-f8g6h4j2k0l1z3x5c7v9b")  # want "SECRET_KEY falls back to a literal whenever APP_SECRET_KEY is unset$"
