# A small Django site for the guard's tests: one module holds the
# settings, the views and the URLconf, run by gunicorn as djsite:application.
import json
import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="guard-tests-only-not-a-secret",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ]
            },
        }
    ],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DJSITE_DB", ":memory:"),
        }
    },
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    DATA_UPLOAD_MAX_MEMORY_SIZE=None,
)

import django  # noqa: E402

django.setup()

from django.contrib import admin as django_admin  # noqa: E402
from django.core.management import call_command  # noqa: E402

if os.environ.get("DJSITE_DB"):
    call_command("migrate", verbosity=0, interactive=False)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

seen = []


def home(request):
    r = HttpResponse("hello from django\n")
    r["X-Powered-By"] = "Django"
    return r


def echo(request):
    """Answers what the application was told: the client, the proto, the body."""
    body = request.body
    return HttpResponse(
        json.dumps(
            {
                "method": request.method,
                "path": request.path,
                "remote_addr": request.META.get("REMOTE_ADDR"),
                "xff": request.META.get("HTTP_X_FORWARDED_FOR"),
                "proto": request.META.get("HTTP_X_FORWARDED_PROTO"),
                "host": request.get_host(),
                "body_len": len(body),
            }
        ),
        content_type="application/json",
    )


@csrf_exempt
def login(request):
    if request.method == "POST":
        if request.POST.get("password") == "right":
            return HttpResponseRedirect("/")
        return HttpResponse("<form>wrong password</form>", status=200)
    return HttpResponse("<form>login</form>")


def stream(request):
    def gen():
        for i in range(5):
            yield ("chunk %d\n" % i).encode()

    return StreamingHttpResponse(gen())


def own_headers(request):
    r = HttpResponse("mine")
    r["X-Frame-Options"] = "SAMEORIGIN"
    r["Content-Security-Policy"] = "default-src 'none'"
    return r


urlpatterns = [
    path("", home),
    path("echo/", echo),
    path("accounts/login/", csrf_exempt(login)),
    path("stream/", stream),
    path("own-headers/", own_headers),
    path("admin/", django_admin.site.urls),
    path("api/echo/", csrf_exempt(echo)),
    path("upload/", csrf_exempt(echo)),
]

_django = get_wsgi_application()
_log = os.environ.get("DJSITE_LOG")


def application(environ, start_response):
    # Every request the application receives, one line each, so tests can
    # tell what got past the guard.
    if _log:
        with open(_log, "a") as f:
            f.write("%s %s\n" % (environ["REQUEST_METHOD"], environ["PATH_INFO"]))
    return _django(environ, start_response)
