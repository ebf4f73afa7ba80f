import os

# Apps added under ifs on the environment: DRF is installed on every
# branch, so the finding holds whatever the variables are.
INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]  # want "DRF's AllowAny$"

if "DATABASE_URL" in os.environ:
    if os.environ["DATABASE_URL"].startswith("postgres://"):
        INSTALLED_APPS.append("django.contrib.postgres")

if "AWS_STORAGE_BUCKET_NAME" in os.environ:
    INSTALLED_APPS.append("storages")
