from pathlib import Path
import os

BASE_DIR = Path(__file__).resolve().parent.parent

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend" / "html", os.path.join(BASE_DIR, "missing")],  # a comment, with [brackets]
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    },
]
