from django.db import models
from django.utils.safestring import mark_safe


class Ribbon(models.Model):
    # a crafted method: x is built from itself on every line; each name is
    # read through once, or the scan takes hours
    label = models.CharField(max_length=200)

    def banner(self):
        x = "<p>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        x += "<b>" + x + x + x + x + x + x + "</b>"
        return mark_safe(x)  # safe: literals only
