import environ

env = environ.Env()
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
CSRF_COOKIE_SECURE = env.bool("CSRF_SECURE", default=True)  # safe: secure by default
CSRF_COOKIE_SAMESITE = env("CSRF_SAMESITE", default="None")  # want "CSRF_COOKIE_SAMESITE is 'None' whenever CSRF_SAMESITE is unset"
