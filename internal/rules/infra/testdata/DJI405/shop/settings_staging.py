from .settings import *  # noqa: F401,F403

ALLOWED_HOSTS = ["staging.shop.example.com"]
