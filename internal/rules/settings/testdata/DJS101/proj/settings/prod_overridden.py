# the developers' defaults; each server keeps its own values in
# proj/settings/server_local.py, which the repository does not hold
DEBUG = True  # want "DEBUG is True; but the settings then import .server_local at proj/settings/prod_overridden.py:6 when the server has it"

try:
    from .server_local import *  # noqa: F403
except ImportError:
    pass
