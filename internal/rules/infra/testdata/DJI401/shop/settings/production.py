import os

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"  # safe: off unless the deployment turns it on
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "shop.example.com").split(",")
