import os

from .base import *  # noqa: F403

DATABASES["default"].update({"USER": "shop_app", "PASSWORD": os.environ["DB_PASSWORD"]})  # safe: a dedicated role
