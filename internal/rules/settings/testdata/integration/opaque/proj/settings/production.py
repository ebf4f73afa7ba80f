from .base import *  # noqa: F403
from company_settings.defaults import *  # noqa: F403

DEBUG = True
