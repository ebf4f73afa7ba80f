from .base import *  # noqa: F403

MEDIA_ROOT = BASE_DIR / "media"  # safe: a folder of its own
