PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.SHA1PasswordHasher",  # safe: only verifies old hashes
]
