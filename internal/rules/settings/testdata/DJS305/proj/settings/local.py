from .base import *  # noqa: F403

ACCOUNT_LOGOUT_ON_GET = True  # safe: development settings
SOCIALACCOUNT_LOGIN_ON_GET = True  # safe: development settings
