import os

from django.core.exceptions import ImproperlyConfigured

SECRET_KEY = os.environ.get("SECRET_KEY", "another-dev-key!")  # want "SECRET_KEY falls back to a literal whenever SECRET_KEY is unset; the key is also weak: it has 16 characters, fewer than 50$"

# refuses other values than the fallback: the fallback still runs
_INSECURE_KEYS = {"", "changeme"}
if not SECRET_KEY or SECRET_KEY in _INSECURE_KEYS:
    raise ImproperlyConfigured("SECRET_KEY must be set to a unique value in production.")
