from sitekit.shared import *  # noqa: F403

INSTALLED_APPS += ["reversion"]  # noqa: F405
CORS_ALLOW_ALL_ORIGINS = True  # safe: whether the shared apps hold django-cors-headers is not known
