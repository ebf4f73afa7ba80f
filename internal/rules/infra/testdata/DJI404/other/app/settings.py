DEBUG = False
USE_X_FORWARDED_HOST = False  # safe: Django reads Host, not X-Forwarded-Host
