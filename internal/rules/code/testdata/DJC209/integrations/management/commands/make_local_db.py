from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

# every account the command makes gets this password
USER_PASSWORD = "Qwerty123-dev"  # want "USER_PASSWORD is set to a literal credential in the code; the management command fills a database for development"


class Command(BaseCommand):
    help = "Creates a small database for local development: two users and a few orders."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.exists():
            raise CommandError("the database is not empty")
        User.objects.create_user("admin", password=USER_PASSWORD)
