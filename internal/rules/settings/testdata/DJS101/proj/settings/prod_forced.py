try:
    from .server_local import *  # noqa: F403
except ImportError:
    pass

# set again after the local file: its value never counts
DEBUG = True  # want "DEBUG is True$"
