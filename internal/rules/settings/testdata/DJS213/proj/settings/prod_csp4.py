from csp.constants import SELF

from .base import *  # noqa: F403

MIDDLEWARE += ["csp.middleware.CSPMiddleware"]  # noqa: F405  # safe: django-csp 4 with its own settings
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF]}}
