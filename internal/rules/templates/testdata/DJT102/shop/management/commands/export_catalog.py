from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from shop.models import Product


class Command(BaseCommand):
    help = "Writes the catalogue as one HTML file for the printer."

    def handle(self, *args, **options):
        html = render_to_string("shop/catalog_export.html", {"products": Product.objects.all()})
        with open(options.get("out", "catalog.html"), "w") as out:
            out.write(html)
