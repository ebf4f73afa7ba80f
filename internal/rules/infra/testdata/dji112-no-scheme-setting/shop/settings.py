DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SESSION_COOKIE_SECURE = True
# no SECURE_PROXY_SSL_HEADER: Django reads no header for the scheme
