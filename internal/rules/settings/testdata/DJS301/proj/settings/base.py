PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  # want `passwords are hashed with MD5PasswordHasher \(salted MD5\)`
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
