import os

DEBUG = os.getenv("DEBUG", False)
ALLOWED_HOSTS = ["shop.example.com"]
