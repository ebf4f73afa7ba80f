from django import forms
from django.db import models
from django.shortcuts import render
from markupfield.fields import MarkupField

from .markup import _sanitizing

RAW_RENDERERS = [("html", lambda text: text)]


class Notice(models.Model):
    # rendered with MARKUP_FIELD_TYPES, whose renderers sanitize
    body = MarkupField(default_markup_type="markdown")
    # rendered with renderers of its own, which keep raw HTML
    banner = MarkupField(markup_choices=RAW_RENDERERS, default_markup_type="html")


class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Circular(Stamped):
    # a model whose base is not named for one: its MarkupField says it is
    text = MarkupField(default_markup_type="markdown")


class CircularForm(forms.ModelForm):
    class Meta:
        model = Circular
        fields = "__all__"


class NoticeForm(forms.ModelForm):
    class Meta:
        model = Notice
        fields = "__all__"


def notice(request, pk):
    return render(request, "shop/notice.html", {"notice": Notice.objects.get(pk=pk), "circular": Circular.objects.first()})
