# A tiny Django site for djsec's probe tests. DJSEC_VARIANT picks the
# insecure, the middling or the hardened configuration; everything else is
# shared. Middling is a typical site: DEBUG off and Django's security
# middleware on, but any Host accepted, no HSTS and no CSP.
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VARIANT = os.environ.get("DJSEC_VARIANT", "insecure")
HARDENED = VARIANT == "hardened"
MIDDLING = VARIANT == "middling"

SECRET_KEY = "djsec-test-not-a-secret"
DEBUG = VARIANT == "insecure"
ALLOWED_HOSTS = ["*"] if MIDDLING else ["localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
try:
    import rest_framework  # noqa: F401
    INSTALLED_APPS.append("rest_framework")
    HAVE_DRF = True
except ImportError:
    HAVE_DRF = False

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
HAVE_TOOLBAR = False
if HARDENED:
    MIDDLEWARE.insert(0, "django.middleware.security.SecurityMiddleware")
    MIDDLEWARE.append("django.middleware.clickjacking.XFrameOptionsMiddleware")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    X_FRAME_OPTIONS = "DENY"
    REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
elif MIDDLING:
    MIDDLEWARE.insert(0, "django.middleware.security.SecurityMiddleware")
    MIDDLEWARE.append("django.middleware.clickjacking.XFrameOptionsMiddleware")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
else:
    try:
        # The toolbar left on in production, shown to "internal" addresses
        # that include the proxy's. DJSEC_NO_TOOLBAR leaves it out, for
        # timing a DEBUG site without it (bench/probe.sh).
        if os.environ.get("DJSEC_NO_TOOLBAR"):
            raise ImportError("left out")
        import debug_toolbar  # noqa: F401
        INSTALLED_APPS.append("debug_toolbar")
        MIDDLEWARE.append("debug_toolbar.middleware.DebugToolbarMiddleware")
        INTERNAL_IPS = ["127.0.0.1"]
        HAVE_TOOLBAR = True
    except ImportError:
        HAVE_TOOLBAR = False
    try:
        # The classic mistake with django-cors-headers: every origin, with
        # credentials, so any site reads pages with the user's cookies.
        import corsheaders  # noqa: F401
        INSTALLED_APPS.append("corsheaders")
        MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
        CORS_ALLOW_ALL_ORIGINS = True
        CORS_ALLOW_CREDENTIALS = True
    except ImportError:
        MIDDLEWARE.insert(0, "site_app.views.ReflectCORS")
    SESSION_COOKIE_HTTPONLY = False
    SESSION_COOKIE_SAMESITE = None
    CSRF_COOKIE_SAMESITE = None

ROOT_URLCONF = "site_app.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "site_app" / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
WSGI_APPLICATION = "site_app.wsgi.application"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
