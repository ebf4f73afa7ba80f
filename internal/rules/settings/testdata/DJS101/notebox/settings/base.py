SECRET_KEY = "x"
ALLOWED_HOSTS = ["notebox.example.com"]
