from .base import *  # noqa: F403

SOCIAL_AUTH_SANITIZE_REDIRECTS = True  # safe: the default, the site's own hosts only
