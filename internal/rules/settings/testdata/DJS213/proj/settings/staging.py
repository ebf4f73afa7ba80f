from .base import *  # noqa: F403

MIDDLEWARE += ["csp.middleware.CSPMiddleware"]  # safe: django-csp
CSP_DEFAULT_SRC = ("'self'",)
