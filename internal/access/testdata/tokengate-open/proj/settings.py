ROOT_URLCONF = "proj.urls"
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "proj.middleware.TokenAuth",
]
# paths anyone may reach: the sign-in itself
PUBLIC_PATHS = ("/account/login/", "/account/logout/")
