# The cache of the deployment that runs beside the site; sorts before
# proj.settings.production.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
