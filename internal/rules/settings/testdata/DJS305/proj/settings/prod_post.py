from .base import *  # noqa: F403

ACCOUNT_LOGOUT_ON_GET = False  # safe: logout needs a POST
SOCIALACCOUNT_LOGIN_ON_GET = False  # safe: a social login starts with a POST
