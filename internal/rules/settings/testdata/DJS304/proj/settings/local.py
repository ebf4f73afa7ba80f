from .base import *  # noqa: F403

ROOT_URLCONF = "proj.local_urls"
