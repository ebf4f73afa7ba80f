from .base import *  # noqa

DEBUG = True
# a developer's convenience: only the local server asks for a login
MIDDLEWARE = MIDDLEWARE + ["django.contrib.auth.middleware.LoginRequiredMiddleware"]
