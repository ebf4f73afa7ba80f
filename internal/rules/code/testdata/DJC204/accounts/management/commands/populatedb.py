import random

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fills the database with sample shops for a demo."

    def handle(self, *args, **options):
        for i in range(20):
            api_token = "%016x" % random.getrandbits(64)  # safe: fake data for a demo database
            self.stdout.write(api_token)
