import random
import string

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Adds example accounts for local development"

    def handle(self, *args, **options):
        for _ in range(10):
            access_code = "".join(random.choice(string.ascii_uppercase) for _ in range(8))  # safe: example data for development
            self.stdout.write(access_code)
