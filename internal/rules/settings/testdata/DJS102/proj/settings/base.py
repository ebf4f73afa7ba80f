import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-7f#k2m!x9q@w3e$r5t^y&u*i(o)p_a+s=d")  # want "SECRET_KEY falls back to a literal whenever DJANGO_SECRET_KEY is unset; the key is also weak: it has the django-insecure- prefix"
