DEBUG = False  # want "never sets SECURE_PROXY_SSL_HEADER"
ALLOWED_HOSTS = ["shop.example.com"]
