from decouple import config

MONGODB_URI = config("MONGODB_URI", default="mongodb://shop:pa55word@mongo.internal:27017/shop")  # want "MONGODB_URI falls back to a connection string with the password of user \"shop\" whenever MONGODB_URI is unset"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",  # safe: no credentials
    },
    "sessions": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://app:t0ken@cache.internal:6379/2",  # want `CACHES\["sessions"\]\["LOCATION"\] is a connection string`
    },
}
