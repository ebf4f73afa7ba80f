import os

from django.core.exceptions import ImproperlyConfigured

SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key")  # want "SECRET_KEY falls back to a literal whenever SECRET_KEY is unset; the key is also weak: it has 16 characters, fewer than 50; the production settings refuse to start with it \\(if not SECRET_KEY or SECRET_KEY.strip\\(\\) in _INSECURE_KEYS: raise\\)"

_INSECURE_KEYS = {"", "insecure-dev-key", "changeme"}
if (
    not SECRET_KEY
    or SECRET_KEY.strip() in _INSECURE_KEYS
):
    raise ImproperlyConfigured("SECRET_KEY must be set to a unique value in production.")
