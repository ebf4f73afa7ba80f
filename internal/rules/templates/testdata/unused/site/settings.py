ROOT_URLCONF = "site.urls"
SECRET_KEY = "from-the-environment"
INSTALLED_APPS = [
    "django.contrib.auth",
    "blog",
    "apps.news",  # held under src/, which the server puts on the path
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
