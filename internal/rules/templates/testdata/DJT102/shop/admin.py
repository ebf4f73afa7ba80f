from django.contrib import admin

from .forms import ProductAdminForm
from .models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    form = ProductAdminForm
