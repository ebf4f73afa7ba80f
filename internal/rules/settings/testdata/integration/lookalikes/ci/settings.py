from proj.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "ci-only-key-for-the-pipeline"
ALLOWED_HOSTS = ["*"]
