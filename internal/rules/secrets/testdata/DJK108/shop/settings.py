import os

SIMPLE_JWT = {
    "ALGORITHM": "HS256",  # safe: not a key
    "SIGNING_KEY": "EgfpaGd8t1ssoFUV1yajCrvU3rjBihh2X4pXYarG3FdbxCkf",  # want "JWT signing key assigned to SIGNING_KEY"
    "VERIFYING_KEY": None,  # safe: not a literal
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),  # safe
}
SIMPLE_JWT_ENV = {"SIGNING_KEY": os.environ["JWT_SIGNING_KEY"]}  # safe: from the environment
SIMPLE_JWT_DEFAULT = {"SIGNING_KEY": SECRET_KEY}  # safe: not a literal
JWT_AUTH = {"JWT_SECRET_KEY": "secret"}  # want "JWT signing key assigned to JWT_SECRET_KEY .* short or guessable"
JWT_SECRET = "JWT_SECRET"  # safe: the name of an environment variable
JWT_AUTH_HEADER_PREFIX = "Bearer"  # safe
JWT_ISSUERS = {"JWT_SECRET_KEY": "SET-ME-PLEASE"}  # safe: a stand-in asking for the value
JWT_LEGACY = {"JWT_SECRET_KEY": "SET-ME-9f2c7e1a4b8d03e6f5a1"}  # want "JWT signing key assigned to JWT_SECRET_KEY"
