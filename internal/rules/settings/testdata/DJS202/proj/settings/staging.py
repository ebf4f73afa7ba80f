from .base import *  # noqa: F403

MIDDLEWARE.append("django.contrib.messages.middleware.MessageMiddleware")  # safe: order of base kept
