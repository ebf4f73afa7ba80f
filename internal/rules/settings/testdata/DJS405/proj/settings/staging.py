import environ

from .base import *  # noqa: F403

env = environ.Env()
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")  # safe: required from the environment
AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY")  # safe: required from the environment
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")  # safe: empty default
