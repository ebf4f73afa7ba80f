DEBUG = False  # want "SECURE_SSL_REDIRECT is not set"
