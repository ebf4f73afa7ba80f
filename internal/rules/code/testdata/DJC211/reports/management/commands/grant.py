from django.contrib.auth.models import User
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        user = User.objects.get(username=options["username"])
        assert user.has_perm("reports.change_report")  # safe: an operator runs it from a shell; no request reaches it
