from django.core.management import BaseCommand

PARTNER_PASSWORD = "Tr4ding-Partn3r-2024"  # want "PARTNER_PASSWORD is set to a literal credential in the code$"


class Command(BaseCommand):
    help = "Pulls the partner's price list every night."

    def handle(self, *args, **options):
        pass
