from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError("not on development sites")
        get_user_model().objects.create_superuser("owner", "owner@example.org", "owner-2024")  # want "whoever runs the command ensure_owner gives every reader"
