import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        User = get_user_model()
        User.objects.create_superuser("ops", "ops@example.org", "Ops-2024!")  # want "the password \"Ops-2024!\", written in the code; whoever runs the command add_staff"
        # safe: the password comes from the environment
        User.objects.create_superuser("root", "root@example.org", os.environ["DJANGO_SUPERUSER_PASSWORD"])
        # safe: no password, an account that cannot log in with one
        User.objects.create_superuser("robot", "robot@example.org", None)
