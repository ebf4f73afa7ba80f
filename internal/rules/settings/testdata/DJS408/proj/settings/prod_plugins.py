import os

from .base import *  # noqa: F403

MEDIA_ROOT = os.path.join(BASE_DIR, "proj", "plugins")  # want "MEDIA_ROOT holds Python source \\(proj/plugins/__init__.py\\)"
