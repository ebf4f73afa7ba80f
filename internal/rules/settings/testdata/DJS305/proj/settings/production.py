from .base import *  # noqa: F403

ACCOUNT_LOGOUT_ON_GET = True  # want "ACCOUNT_LOGOUT_ON_GET is True, so any site can log the user out"
SOCIALACCOUNT_LOGIN_ON_GET = True  # want "SOCIALACCOUNT_LOGIN_ON_GET is True, so any site can send the user through a social login"
