from .checks import *  # noqa: F401,F403
