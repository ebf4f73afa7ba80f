# A GraphQL API whose clients send a JWT in the Authorization header: no
# sessions, so no cookie logs anyone in.
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "graphene_django",
]

MIDDLEWARE = [  # want "lacks django.middleware.csrf.CsrfViewMiddleware, .* no SessionMiddleware either" "lacks django.middleware.clickjacking.XFrameOptionsMiddleware, .* no SessionMiddleware either"
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "api.middleware.jwt_refresh_token_middleware",
]
