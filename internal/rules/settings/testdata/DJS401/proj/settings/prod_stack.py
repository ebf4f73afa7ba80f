import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("DB_HOST", "database"),
        "NAME": "shop",
        "USER": "shop",
        # the password the compose stack gives its database service
        "PASSWORD": os.environ.get("DB_PASSWORD", "harbour-lights"),  # want "falls back to a literal whenever DB_PASSWORD is unset; it is the value the project's own stack gives its service \\(docker-compose.yml:6"
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("ANALYTICS_HOST", "analytics.internal"),
        "NAME": "analytics",
        "USER": "reader",
        "PASSWORD": os.environ.get("ANALYTICS_PASSWORD", "Qz7-lantern-4k"),  # want "the password of database \"analytics\" falls back to a literal whenever ANALYTICS_PASSWORD is unset$"
    },
}
