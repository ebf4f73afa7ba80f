import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "REPLACE_ME"  # want "SECRET_KEY falls back to a literal whenever DJANGO_SECRET_KEY is unset; the key is also weak: it has 10 characters, fewer than 50$"

# refuses another value than the fallback: the fallback still runs
assert SECRET_KEY != "CHANGE_ME"
# assert SECRET_KEY != "REPLACE_ME"  (a refusal someone commented out refuses nothing)
