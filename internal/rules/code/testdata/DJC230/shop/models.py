from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class Vendor(models.Model):
    name = models.CharField(max_length=200)
    code = models.CharField(max_length=8)
    status = models.CharField(max_length=20, choices=[("a", "Active"), ("r", "Retired")])
    internal_note = models.TextField(blank=True)

    def badge(self):
        return mark_safe(f'<span class="badge">{self.name}</span>')  # want "puts self.name, the text field Vendor.name, in it unescaped"

    def label(self, long=False):
        text = self.get_status_display()
        if long:
            text = self.name
        return mark_safe("<b>%s</b>" % text)  # want "a string formatted with % that puts self.name"

    def safe_badge(self):
        return format_html('<span class="badge">{}</span>', self.name)  # safe: format_html escapes the value

    def escaped_badge(self):
        return mark_safe(f"<span>{escape(self.name)}</span>")  # safe: escaped first

    def code_badge(self):
        return mark_safe(f"<code>{self.code}</code>")  # safe: eight characters cannot hold a script

    def status_badge(self):
        return mark_safe(f"<i>{self.status}</i>")  # safe: one of the choices

    def card(self):
        html = f'<div class="card">{self.name}</div>'
        return mark_safe(html)  # want "an f-string that puts self.name"

    def code_card(self):
        html = f"<div>{self.code}</div>"
        return mark_safe(html)  # safe: eight characters cannot hold a script

    def note_html(self):
        return mark_safe(f"<p>{self.internal_note}</p>")  # want "no form, serializer or request handler of the project writes internal_note"


class Product(models.Model):
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    count = models.IntegerField(default=0)

    def count_html(self):
        return mark_safe(f"<b>{self.count}</b>")  # safe: a number

    def tags_html(self):
        return mark_safe(", ".join(f"<em>{escape(t)}</em>" for t in self.title.split()))  # safe: each word escaped
