from django import forms
from rest_framework import serializers

from .models import Banner, Product, Review


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["body"]


class ProductAdminForm(forms.ModelForm):
    # named by ProductAdmin: only staff submit it
    class Meta:
        model = Product
        fields = "__all__"


class BannerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Banner
        fields = "__all__"
