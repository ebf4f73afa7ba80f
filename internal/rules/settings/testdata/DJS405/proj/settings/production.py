import os

from .base import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "OPTIONS": {"PASSWORD": "r3dis-pass"},  # want `CACHES\["default"\]\["OPTIONS"\]\["PASSWORD"\] is a literal`
    },
}
SIMPLE_JWT = {"SIGNING_KEY": SECRET_KEY}  # safe: the SECRET_KEY from the environment
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m",  # safe: a rate limit, not a password
    "reset_password": "20/m/ip,5/m/key",  # safe: a rate limit
}
SSO_ALLOW_PASSWORD = os.getenv("SSO_ALLOW_PASSWORD", "0")  # safe: switches password login on, holds none
BOUNCE_MAILBOX_PASSWORD = "<specify password>"  # safe: a stand-in no account accepts
RECAPTCHA_SECRET_KEY = "not-active"  # safe: says the feature is off
FLICKR_API_KEY = "undefined"  # safe: says the key is not set
GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN", "blank")  # safe: says the token is not set
PHOTOS_SECRET = os.environ.get("PHOTOS_SECRET", "invalid")  # safe: says the secret is not a valid one
PHOTOS_API_KEY = os.environ.get("PHOTOS_API_KEY", "invalidator")  # want "PHOTOS_API_KEY falls back to a literal"
VARNISH_SECRET = "/etc/varnish/secret"  # safe: the file that holds the secret
CACHE_SECRET = "/7f3a9c2e1b"  # want "CACHE_SECRET is a literal"
STRIPE_TEST_SECRET_KEY = os.environ.get("STRIPE_TEST_SECRET_KEY", "sk_test_12345")  # safe: a vendor's prefix and too few digits for a key
STRIPE_LIVE_SECRET_KEY = os.environ.get("STRIPE_LIVE_SECRET_KEY", "sk_live_51Hq7Rm2pXw9vLq4Tz8Nb4vRt")  # want "STRIPE_LIVE_SECRET_KEY falls back to a literal"
YOUTUBE_API_KEY = "undefined-key-3f9a"  # want "YOUTUBE_API_KEY is a literal"
FALLBACK_SECRET_KEY = "secret-key-missing!"  # safe: a sentinel the start-up check refuses
PARTNER_SECRET_KEY = os.environ.get("PARTNER_SECRET_KEY", "MISSING PARTNER_SECRET_KEY ENV VAR")  # safe: a message in the key's place
PORTAL = {"client_secret": os.environ.get("SHOP_PORTAL_SECRET_KEY", "portal_secret_key")}  # safe: the variable's own words
PORTAL_TOKEN = os.environ.get("SHOP_PORTAL_TOKEN", "portal-token-7f3a")  # want "PORTAL_TOKEN falls back to a literal"
APP_USER_PASSWORD = os.environ.get("SHOP_APP_USER_PASSWORD", "shop")  # want "APP_USER_PASSWORD falls back to a literal"
CATCHMENT_API_KEY = os.environ.get("CATCHMENT_API_KEY", "ERROR: Could not get the catchment API key")  # safe: a message
TILES_API_KEY = os.environ.get("TILES_API_KEY", "tiles key for the map layers of the site")  # want "TILES_API_KEY falls back to a literal"
SMTP_PASSWORD = "m1ssing-Pa55"  # want `SMTP_PASSWORD is a literal`
# the object store the project's development image starts (docker/objectstore.Dockerfile): its
# password counts as the stack's credential, its user name (MINIO_ROOT_USER) does not
STORAGE_SECRET_KEY = os.environ.get("STORAGE_SECRET_KEY", "bluebell-store-77")  # want "STORAGE_SECRET_KEY falls back to a literal whenever STORAGE_SECRET_KEY is unset; it is the value the project's own stack gives its service \\(docker/objectstore.Dockerfile:3"
STORAGE_ACCESS_KEY = os.environ.get("STORAGE_ACCESS_KEY", "bluebell-root")  # want "STORAGE_ACCESS_KEY falls back to a literal whenever STORAGE_ACCESS_KEY is unset$"
# a password the application gives its own admin account: a fallback known
# to all opens the site, whatever the stack's services are given
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "bluebell-store-77")  # want "ADMIN_PASSWORD falls back to a literal whenever ADMIN_PASSWORD is unset$"
SLACK_WEBHOOK_TOKEN = os.environ.get("SLACK_WEBHOOK_TOKEN", "set-it")  # safe: a stand-in; the call to Slack fails without the variable
# the mail provider's key, read again by the settings of the mail library:
# one literal, reported once under its own name
MAILER_API_KEY = os.environ.get("MAILER_API_KEY", "k7Rm2pXw9vLq4Tz8")  # want "^MAILER_API_KEY falls back to a literal whenever MAILER_API_KEY is unset$"
ANYMAIL = {"MAILER_API_KEY": MAILER_API_KEY}
# a well-formed key the client accepts, which says it is none
NOTIFY_API_KEY = os.getenv("NOTIFY_API_KEY", "shop_invalid-03185ee5-578c-4ffc-8774-2288e7b34e63-e82262ea-ae8c-4c6d-8570-c16afdc8347f")  # safe: named invalid
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe")  # safe: Google's published test key, which passes every check and nothing in production
TURNSTILE_SECRET_KEY = os.environ.get("TURNSTILE_SECRET_KEY", "1x0000000000000000000000000000000AA")  # safe: Cloudflare's published dummy secret
HCAPTCHA_SECRET = os.environ.get("HCAPTCHA_SECRET", "0x0000000000000000000000000000000000000000")  # safe: hCaptcha's published test secret
RECAPTCHA_V3_PRIVATE_KEY = os.environ.get("RECAPTCHA_V3_PRIVATE_KEY", "6LcR4xIqAAAAAPq8Vw2mZt7yKd3nJ5bHf0sLx9Ea")  # want "RECAPTCHA_V3_PRIVATE_KEY falls back to a literal"
TURNSTILE_SECRET = "0x4AAAAAAAQk3bX9yLm2Pq7Rt5Vw8Zc1Df"  # want "TURNSTILE_SECRET is a literal in the source$"
TICKETS_API_KEY = os.environ.get("TICKETS_API_KEY", "shjbalkfbdskjlbdskljbdskaljfb")  # safe: fingers run along the keyboard's home row
