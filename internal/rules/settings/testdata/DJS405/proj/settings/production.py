from .base import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "OPTIONS": {"PASSWORD": "r3dis-pass"},  # want `CACHES\["default"\]\["OPTIONS"\]\["PASSWORD"\] is a literal`
    },
}
SIMPLE_JWT = {"SIGNING_KEY": SECRET_KEY}  # safe: the SECRET_KEY from the environment
