import os

# DRF only when the API is switched on: the finding names the variable.
INSTALLED_APPS = ["django.contrib.auth"]  # want "DRF's AllowAny whenever ENABLE_API is unset$"

if os.environ.get("ENABLE_API", "1") == "1":
    INSTALLED_APPS.append("rest_framework")
