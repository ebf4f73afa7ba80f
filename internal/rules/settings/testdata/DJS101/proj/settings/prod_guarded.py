import os

ENVIRONMENT = os.environ.get("ENV", "local")
DEBUG = os.environ.get("APP_DEBUG", "True") == "True"  # want "DEBUG is True whenever APP_DEBUG is unset; the production settings refuse to start with it \\(assert not DEBUG\\)"

if ENVIRONMENT == "prod":
    assert not DEBUG, "Cannot run in DEBUG mode on prod"
