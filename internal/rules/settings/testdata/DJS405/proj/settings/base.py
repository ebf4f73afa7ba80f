import os

import environ

env = environ.Env()

SECRET_KEY = os.environ["SECRET_KEY"]
EMAIL_HOST_PASSWORD = "9c1d2f7e44b0a3c58e6d1f2a7b9c0e4d"  # want "EMAIL_HOST_PASSWORD is a literal in the source"
AWS_ACCESS_KEY_ID = "AKIAEXAMPLEEXAMPLE12"  # safe: the key id alone is not the secret
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "q8Zr3LmT0vW6yB1nH5cJ9dF2kP7sX4aG0eU3iO8t")  # want "AWS_SECRET_ACCESS_KEY falls back to a literal whenever AWS_SECRET_ACCESS_KEY is unset"
PASSWORD_RESET_TIMEOUT = 3600  # safe: not a secret
CSRF_COOKIE_NAME = "csrftoken"  # safe: not named like a secret
MINIO_SECRET_KEY = os.environ.get("MINIO_SECRET_KEY", "secret-key")  # safe: a placeholder made of the setting's own words
RABBITMQ_PASSWORD = os.environ.get("RABBITMQ_PASSWORD", "guest")  # want "RABBITMQ_PASSWORD falls back to a literal"
WIKI_REBUILD_TOKEN = "sumo:wiki:full-rebuild"  # safe: the cache key of a lock, a name in namespaced words
DEPLOY_TOKEN = "shop:9f2c7e1a4b8d03e6f5a1c2b9"  # want "DEPLOY_TOKEN is a literal in the source"
OPENMAPTILES_TOKEN = "t8Kq2mZr5VxL9bNc3WdY"  # want "OPENMAPTILES_TOKEN is a literal in the source; it is the key of a web maps service"
GOOGLE_OAUTH2_CLIENT_SECRET = "REPLACE ME"  # safe: a stand-in asking for the value
MAPS_API_KEY = "please replace this text"  # safe: a stand-in asking for the value
PARTNER_API_SECRET = os.environ.get("PARTNER_API_SECRET", "deadbeef-dead-beef-dead-beefdeadbeef")  # safe: a made-up hex word
SMTP_RELAY_PASSWORD = "123456"  # want "SMTP_RELAY_PASSWORD is a literal in the source"
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "changeme")  # want "ADMIN_PASSWORD falls back to a literal"
STEAM_API_KEY = os.environ.get("STEAM_API_KEY", "NO_STEAM_API_KEY_SET")  # safe: a value saying the key is not there
SSO_INTROSPECTION_TOKEN = env("SSO_INTROSPECTION_TOKEN", default="XXX")  # safe: x's where the token goes
SSO_SIGNING_TOKEN = env("SSO_SIGNING_TOKEN", default="XXX9f2c7e1a4b8d")  # want "SSO_SIGNING_TOKEN falls back to a literal"
GAMES_API_KEY = os.environ.get("GAMES_API_KEY", "no-9f2c7e1a4b8d-set")  # want "GAMES_API_KEY falls back to a literal"
