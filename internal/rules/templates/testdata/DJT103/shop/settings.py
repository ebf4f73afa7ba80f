from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "test-settings-only"
INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
ANALYTICS_ID = "G-EXAMPLE1"
SITE_NAME = "Shop"
SITE_VARIABLES = {"facebook_app_id": "1234", "footer": "&copy; Shop"}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "shop.context_processors.site",
                "shop.context_app.app",
            ],
        },
    },
]
THEME_DIR = None

if isinstance(THEME_DIR, str):
    # a theme's templates first, when one is set: djsec cannot tell
    TEMPLATES[0]["DIRS"] = [BASE_DIR / THEME_DIR / "templates"] + TEMPLATES[0]["DIRS"]
THUMBNAIL_SIZE = 256
