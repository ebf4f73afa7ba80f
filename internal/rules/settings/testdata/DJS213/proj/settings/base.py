MIDDLEWARE = [  # want "no Content-Security-Policy: MIDDLEWARE has no CSP middleware"
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
