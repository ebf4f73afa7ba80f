from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from shop.models import Product


class Command(BaseCommand):
    help = "Sends the weekly digest of new products to subscribers."

    def handle(self, *args, **options):
        body = render_to_string("shop/weekly_digest.html", {"products": Product.objects.all()})
        send_mail("New this week", "", "shop@example.com", ["list@example.com"], html_message=body)
