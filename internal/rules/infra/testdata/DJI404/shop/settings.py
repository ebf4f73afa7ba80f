DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
USE_X_FORWARDED_HOST = True  # want "passes the client's own X-Forwarded-Host"
