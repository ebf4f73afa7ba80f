from .base import *  # noqa: F403

STRIPE_SECRET_KEY = "sk_test_dev"  # safe: development
