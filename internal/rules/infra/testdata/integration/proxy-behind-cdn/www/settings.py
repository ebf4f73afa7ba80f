DEBUG = False
SECRET_KEY = "not-used-here"
ALLOWED_HOSTS = ["www.example.com"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
