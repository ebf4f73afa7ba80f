import os

from .base import *  # noqa: F403

MEDIA_ROOT = os.path.join(BASE_DIR, "proj", "uploads")  # want "MEDIA_ROOT is a folder of its own inside the Python package proj"
