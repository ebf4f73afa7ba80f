"""Production settings written from scratch."""  # want "SECURE_HSTS_SECONDS is not set"
DEBUG = False
