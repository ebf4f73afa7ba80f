SECRET_KEY = "x"
ALLOWED_HOSTS = ["linkbox.example.com"]
