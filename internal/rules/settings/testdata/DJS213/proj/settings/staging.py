from .base import *  # noqa: F403

MIDDLEWARE += ["csp.middleware.CSPMiddleware"]  # noqa: F405
# django-csp 4 (requirements.txt) reads CONTENT_SECURITY_POLICY only: these
# settings of version 3 are ignored, and no policy is sent
CSP_DEFAULT_SRC = ("'self'",)  # want "no Content-Security-Policy: the project installs django-csp 4.0 .requirements.txt:2., which no longer reads the CSP_. settings such as CSP_DEFAULT_SRC"
CSP_SCRIPT_SRC = ("'self'", "'unsafe-inline'")
