import os

from .cloud_base import *  # noqa: F403

if "AWS_STORAGE_BUCKET_NAME" in os.environ:
    INSTALLED_APPS.append("storages")

if "GS_BUCKET_NAME" in os.environ:
    INSTALLED_APPS.append("storages")

if "CDN_TOKEN" in os.environ or "CDN_BEARER_TOKEN" in os.environ:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
