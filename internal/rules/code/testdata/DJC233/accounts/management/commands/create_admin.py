from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Creates the admin account the image starts with."

    def handle(self, *args, **options):
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser(username="admin", email="admin@example.org", password="admin")  # want "a superuser is created with the password \"admin\", written in the code; start.sh:4 runs the command create_admin where the site is deployed"
