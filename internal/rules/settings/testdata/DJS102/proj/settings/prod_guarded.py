import os

ENVIRONMENT = os.environ.get("ENV", "local")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "CHANGE_ME"  # want "SECRET_KEY falls back to a literal whenever DJANGO_SECRET_KEY is unset; the key is also weak: it has 9 characters, fewer than 50; the production settings refuse to start with it \\(assert SECRET_KEY != .CHANGE_ME.\\)"

if ENVIRONMENT != "local":
    assert SECRET_KEY != "CHANGE_ME", "SECRET_KEY must be set"
