"""Production settings: what gunicorn loads on the shop's servers."""
from .base import *  # noqa: F401,F403

SESSION_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 3600

try:
    from .local import *  # noqa: F401,F403
except ImportError:
    pass
