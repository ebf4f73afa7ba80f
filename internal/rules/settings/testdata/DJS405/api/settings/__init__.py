"""The API's settings: the defaults, then the site's local.py over them."""
from .defaults import *  # noqa: F403

try:
    from .local import *  # noqa: F403
except ImportError:
    pass

if not DEV_MODE:  # noqa: F405
    from . import defaults, local

    for setting in ("JWT_SECRET", "WEBHOOK_SECRET"):
        assert getattr(local, setting, None) != getattr(defaults, setting, None), f"{setting} must be set in local.py"
