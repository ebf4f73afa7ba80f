from .base import *  # noqa: F403

SECRET_KEY_FALLBACKS = [
    "old-key-that-was-committed",  # want "SECRET_KEY_FALLBACKS is a literal in the source; the key is also weak: it has 26 characters"
    os.environ.get("OLD_SECRET_KEY", ""),  # safe: empty default is not a key
]
