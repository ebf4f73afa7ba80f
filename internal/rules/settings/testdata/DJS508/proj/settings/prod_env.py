from decouple import config

SESSION_COOKIE_AGE = config("SESSION_AGE", default=86400 * 30, cast=int)  # want "2592000 seconds .* whenever SESSION_AGE is unset"
