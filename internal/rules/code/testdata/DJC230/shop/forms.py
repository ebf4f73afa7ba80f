from django import forms

from .models import Product, Vendor


class VendorForm(forms.ModelForm):
    class Meta:
        model = Vendor
        fields = ["name", "code", "status"]


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["title", "vendor", "count"]
