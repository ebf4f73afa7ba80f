from django import forms
from rest_framework import serializers

from .models import Banner, Feedback, GuestbookItem, Product, QuotePluginModel, Reply, Review, TeaserPluginModel, Testimonial


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["body", "summary"]


class ProductAdminForm(forms.ModelForm):
    # named by ProductAdmin: only staff submit it
    class Meta:
        model = Product
        fields = "__all__"


class BannerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Banner
        fields = "__all__"


class TeaserPluginForm(forms.ModelForm):
    # named by TeaserPlugin (cms_plugins.py): only CMS editors submit it
    class Meta:
        model = TeaserPluginModel
        fields = ["intro_html", "summary"]


class QuoteSubmissionForm(forms.ModelForm):
    # a visitor's form
    class Meta:
        model = QuotePluginModel
        fields = ["quote_html"]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["feedback_html"]


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["reply_html"]


class TestimonialForm(forms.ModelForm):
    class Meta:
        model = Testimonial
        fields = ["quote", "byline", "signature", "story", "draft_story"]


class GuestbookEntryForm(forms.ModelForm):
    class Meta:
        model = GuestbookItem
        fields = ["entry_html"]
