"""Settings for the local Docker development stack."""
from shop.settings import *  # noqa: F401,F403

DEBUG = True
JWT_AUTH = {"JWT_SECRET_KEY": "Lq8vR3nT6wK9pZ2mX5cB7yH4dF1gJ0s"}  # want "JWT signing key assigned to JWT_SECRET_KEY .* the settings look meant for development"
