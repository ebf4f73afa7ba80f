"""Sets up the site's first account when it is installed."""
from django.contrib.auth import get_user_model

from .factory import default_groups


def install():
    default_groups()
    get_user_model().objects.create_superuser("root", "root@example.org", "root-2024")  # want "a superuser is created with the password \"root-2024\", written in the code$"
