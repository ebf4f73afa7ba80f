from .base import *  # noqa: F403

ALLOWED_HOSTS = ["staging.example.com", ".example.com"]  # safe: names and a subdomain pattern
