from .base import *  # noqa: F403

AUTH_PASSWORD_VALIDATORS[0]["OPTIONS"]["min_length"] = 12  # safe: raised in staging
