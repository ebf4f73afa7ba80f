import os

DEBUG = os.environ.get("DEBUG") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "secret-key")  # want "SECRET_KEY falls back to a literal whenever SECRET_KEY is unset; the key is also weak: it has 10 characters, fewer than 50; the production settings refuse to start with it"
if SECRET_KEY == "secret-key" and DEBUG is False:
    raise ValueError("SECRET_KEY must be set in production environment")
