from .base import *  # noqa: F403

PASSWORD_HASHERS.insert(0, "django.contrib.auth.hashers.Argon2PasswordHasher")  # safe: a strong hasher first
