MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
CSRF_COOKIE_SECURE = False  # want "CSRF_COOKIE_SECURE is False"
