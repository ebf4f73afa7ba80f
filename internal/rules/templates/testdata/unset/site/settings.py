SECRET_KEY = "x"
ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "news"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "site.context_processors.branding",
            ],
        },
    },
]
