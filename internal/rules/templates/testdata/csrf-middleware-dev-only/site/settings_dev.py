from .settings_common import *  # noqa: F403

DEBUG = True
