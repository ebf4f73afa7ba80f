SECRET_KEY = "not-used-in-tests"
ROOT_URLCONF = "pages.urls"
INSTALLED_APPS = ["django_jinja", "pages"]

TEMPLATES = [
    {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True},
    {
        # the sandboxed engine the label previews compile user templates in
        "NAME": "jinja",
        "BACKEND": "django_jinja.backend.Jinja2",
        "OPTIONS": {"environment": "jinja2.sandbox.SandboxedEnvironment"},
    },
    {
        # named "jinja2" by its backend, and no sandbox
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "OPTIONS": {"environment": "jinja2.Environment"},
    },
]
