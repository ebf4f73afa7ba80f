import os

from django.core.exceptions import ImproperlyConfigured

# the name refused holds another key than the fallback: the fallback runs
OLD_KEY = "the-key-we-used-before-the-2024-rotation-1f2e3d"
SECRET_KEY = os.environ.get("SECRET_KEY", "w3@e7r1t5y9u2i6o0p4a8s2d6f0g4h8j1k5l9z3x7c1v5b9n3m7q")  # want "SECRET_KEY falls back to a literal whenever SECRET_KEY is unset$"
if SECRET_KEY == OLD_KEY:
    raise ImproperlyConfigured("Rotate SECRET_KEY.")
