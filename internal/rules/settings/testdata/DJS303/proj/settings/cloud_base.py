import os

# A base that a production module builds on, with the apps changed under
# ifs on the environment here and there: nothing limits logins on any
# branch, so the finding names no variable.
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]  # want "or DRF throttling$"

if "DATABASE_URL" in os.environ:
    if os.environ["DATABASE_URL"].startswith("postgres://"):
        INSTALLED_APPS.append("django.contrib.postgres")
