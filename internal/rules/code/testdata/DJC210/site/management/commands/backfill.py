from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fill the history tables, logging the SQL with --log-queries"

    def add_arguments(self, parser):
        parser.add_argument("--log-queries", action="store_true")

    def handle(self, *args, **options):
        debug = settings.DEBUG
        if options["log_queries"]:
            settings.DEBUG = True  # safe: this command's own process, which serves nothing
        try:
            self.backfill()
        finally:
            settings.DEBUG = debug

    def backfill(self):
        pass
