import os

EMAIL_HOST_PASSWORD = "0E0lzDJq*a#XVK"  # want "password assigned to EMAIL_HOST_PASSWORD \"....…\" is hard-coded"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "PASSWORD": "mftEfCcY0*3vjL^c",  # want "password assigned to PASSWORD"
        "USER": "shop",  # safe: not a secret
    },
    "replica": {
        "PASSWORD": os.environ["REPLICA_PASSWORD"],  # safe: from the environment
    },
}
PAYMENT_API_KEY = "48dbEW1IuLmktSNgjVNKIRirxeYBDGHj"  # want "secret assigned to PAYMENT_API_KEY"
RECAPTCHA_PRIVATE_KEY = 'CGp4LNWw95ggp0MKHFHTrTBTjTl7h2olq34mkJUP'  # want "secret assigned to RECAPTCHA_PRIVATE_KEY"
SIGNUP_CAPTCHA_PRIVATE_KEY = '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe'  # safe: Google's published test key
AUTH_PASSWORD_VALIDATORS = [  # safe: a setting about passwords
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},  # safe: a class path
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]  # safe: not a password
AUTH_BACKEND_OIDC_PASSWORD = "auth.backends.oidc.OIDCAuthPasswordBackend"  # safe: the dotted path of a backend class
RADIUS_PASSWORD = "QWERasdfZXCVqwer"  # want "password assigned to RADIUS_PASSWORD"
PASSWORD_RESET_TIMEOUT = 259200  # safe: a number
LOGIN_URL = "/accounts/login/"  # safe
CSRF_COOKIE_NAME = "csrftoken"  # safe: a cookie name
API_TOKEN = os.getenv("API_TOKEN", "dkaY0N7bwoDwCxjEhISzVmNqIomKZnGT")  # want "secret assigned to API_TOKEN"
SMTP_PASSWORD = os.getenv("SMTP_PASSWORD", "changeme")  # safe: placeholder default
OAUTH_CLIENT_SECRET = "your-client-secret-here"  # safe: placeholder
WEBHOOK_SECRET = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"  # safe: placeholder
API_KEY = "%(api_key)s"  # safe: format placeholder
SESSION_TOKEN_HEADER = "HTTP_X_SESSION_TOKEN"  # safe: a header name

RATE_LIMITS = {
    "reset_password": "20/m/ip,5/m/key",  # safe: a rate-limit specification, not a password
    "login_password": "5/m",  # safe: a rate limit
}
RESET_PASSWORD = "5/hK9vQ2pLx7WzR4tY"  # want "password assigned to RESET_PASSWORD"
