from .base import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "OPTIONS": {"PASSWORD": "r3dis-pass"},  # want `CACHES\["default"\]\["OPTIONS"\]\["PASSWORD"\] is a literal`
    },
}
SIMPLE_JWT = {"SIGNING_KEY": SECRET_KEY}  # safe: the SECRET_KEY from the environment
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m",  # safe: a rate limit, not a password
    "reset_password": "20/m/ip,5/m/key",  # safe: a rate limit
}
