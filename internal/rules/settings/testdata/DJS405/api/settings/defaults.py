import os

DEV_MODE = os.environ.get("DEV_MODE") == "1"
DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["api.example.com"]

# development values: a site's local.py replaces them, or it does not start
JWT_SECRET = "Zq8vT3nW6yK1pR4sXe"  # want "JWT_SECRET is a literal in the source; the settings refuse to start when the local settings leave it as it is"
WEBHOOK_SECRET = "Lm5bQ9cR2tV7wY3zKd"  # want "WEBHOOK_SECRET is a literal in the source; the settings refuse to start"
# not in the list: used as it is
SIGNING_TOKEN = "Hm2Ld9Xc4Vb7Nq1wPs"  # want "SIGNING_TOKEN is a literal in the source$"
