import os

# Apps added under two ifs on the environment, none of them a throttle:
# nothing limits logins whatever the variables are.
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]  # want "or DRF throttling$"

if "DATABASE_URL" in os.environ:
    if os.environ["DATABASE_URL"].startswith("postgres://"):
        INSTALLED_APPS.append("django.contrib.postgres")

if "AWS_STORAGE_BUCKET_NAME" in os.environ:
    INSTALLED_APPS.append("storages")
