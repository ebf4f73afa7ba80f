from django.contrib import admin
from django.utils.html import format_html


class OrderAdmin(admin.ModelAdmin):
    def buyer(self, obj):
        return format_html(f"{obj.email} <small>{obj.name}</small>")  # want "format_html is given an f-string .* it is in the admin \\(shop/admin.py\\)"

