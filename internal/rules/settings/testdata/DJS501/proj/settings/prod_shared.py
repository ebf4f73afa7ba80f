# The shared settings come from a package outside the project; the apps and
# middleware this project adds to them are still read.
from sitekit.shared import *  # noqa: F403

INSTALLED_APPS += ["corsheaders"]  # noqa: F405
MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"] + MIDDLEWARE  # noqa: F405
CORS_ALLOW_ALL_ORIGINS = True  # want "CORS_ALLOW_ALL_ORIGINS is True, so every site can read responses; with CORS_ALLOW_CREDENTIALS = True"
CORS_ALLOW_CREDENTIALS = True
