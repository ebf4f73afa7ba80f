import os

DEBUG = os.getenv("DEBUG", "False") == "True"
ALLOWED_HOSTS = ["shop.example.com"]
