from django.contrib import admin
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Product, Vendor


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("title", "vendor_link", "title_html")

    @mark_safe
    def vendor_link(self, obj):
        return f'<a href="/vendors/{obj.vendor.pk}/">{obj.vendor.name}</a>'  # want "puts obj.vendor.name, the text field Vendor.name, .* shown in the admin"

    def title_html(self, product):
        label = f"{product.title} ({product.count})"
        return mark_safe(f"<em>{label}</em>")  # want "puts product.title, the text field Product.title"

    @mark_safe
    def vendor_id(self, obj):
        return f"<code>{obj.vendor.pk}</code>"  # safe: the key is a number


class VendorAdmin(admin.ModelAdmin):
    def products(self, obj):
        return mark_safe("<br>".join(f"<b>{escape(p.title)}</b>" for p in obj.product_set.all()))  # safe: escaped

    def heading(self, obj):
        return mark_safe("<h2>" + obj.name + "</h2>")  # want "a string built with \\+ that puts obj.name"


admin.site.register(Vendor, VendorAdmin)
