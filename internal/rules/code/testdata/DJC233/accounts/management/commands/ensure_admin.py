from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    """Makes the admin account of a developer's machine."""

    def handle(self, *args, **options):
        if settings.DEBUG is not True:
            raise CommandError("only for development sites (DEBUG)")
        get_user_model().objects.create_superuser("admin", "admin@example.org", "admin")  # want "refuses to go on unless DEBUG is on"
