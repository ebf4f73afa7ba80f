import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "votes.settings")
