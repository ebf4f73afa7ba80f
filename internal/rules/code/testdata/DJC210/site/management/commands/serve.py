from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site for a demo"

    def handle(self, *args, **options):
        settings.DEBUG = True  # want "settings.DEBUG = True turns debug mode on at run time"
        call_command("runserver", "0.0.0.0:8000")
