from django.contrib.gis.db import models as gis_models
import bleach
from django_bleach.models import BleachField
from django_prose_editor.fields import ProseEditorField
from cms.models import CMSPlugin
from fluent_contents.extensions import PluginHtmlField
from fluent_contents.models import ContentItem
from django.db import models
from djangocms_text_ckeditor.fields import HTMLField
from djangocms_text_ckeditor.html import clean_html
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe


class Product(models.Model):
    name = models.CharField(max_length=100)
    description = models.TextField()  # staff write it, in the admin only
    features = models.JSONField(default=list)
    tagline = models.CharField(max_length=200)
    price_html = models.TextField(editable=False)

    def save(self, *args, **kwargs):
        # filled by the project's code, from a number
        self.price_html = "<b>%s</b>" % escape(self.name)
        super().save(*args, **kwargs)


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    body = models.TextField()
    summary = models.TextField(blank=True)


CURRENCIES = [("EUR", "Euro"), ("USD", "US dollar")]


class Order(models.Model):
    customer_note = models.TextField(blank=True)
    currency = models.CharField(
        max_length=3,
        choices=CURRENCIES,
        default="EUR",
    )
    shipped_at = models.DateTimeField(null=True)


class Banner(models.Model):
    headline = models.CharField(max_length=200)


class Photo(models.Model):
    author = models.CharField(max_length=100)
    author_url = models.URLField()
    caption_markup = models.TextField()

    @property
    def credit_html(self):
        if not self.author_url.startswith("https://"):
            return escape(self.author)
        return format_html('<a href="{}">{}</a>', self.author_url, self.author)

    @property
    def caption_html(self):
        return mark_safe(self.caption_markup)

    @property
    def attr_string(self):
        # each attribute's value escaped: ' alt="..." title="..."'
        return flatatt({"alt": self.caption_markup, "title": self.author})

    @property
    def tag_list(self):
        return format_html_join(", ", "<span>{}</span>", ((t,) for t in self.author.split()))

    @property
    def class_string(self):
        return " ".join(self.caption_markup.split())

    def credit_line(self):
        # a method a template calls ({{ photo.credit_line }}): escaped
        return escape(self.author)

    def credit_block(self, request=None):
        # a method a template calls with its default: a template renders it
        return render_to_string("shop/credit.html", {"photo": self}, request=request)

    def caption_line(self, lang="en"):
        # looks alike: it returns the markup as stored
        return mark_safe(self.caption_markup)


class Bulletin(models.Model):
    bulletin_html = models.TextField()  # written by staff; the API only lists it
    teaser_html = models.TextField()  # computed; the API returns it read-only
    note_html = models.TextField()  # written through the API
    errata_html = models.TextField()  # written through an API only staff may write to
    digest_html = models.TextField()  # the feed nests it, read-only
    # the bulletin this one answers: what it shows is the other bulletin's
    # text, whichever API picks the row
    reply_to = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)


class TeaserPluginModel(CMSPlugin):
    # django CMS plugin content: editors write it through the plugin's form
    intro_html = HTMLField(blank=True)
    summary = HTMLField(blank=True)


class QuotePluginModel(CMSPlugin):
    # also written by a public form (QuoteSubmissionForm)
    quote_html = HTMLField(blank=True)


class Feedback(models.Model):
    # rich text from an editor, cleaned on every save
    feedback_html = models.TextField(blank=True)

    def save(self, *args, **kwargs):
        self.feedback_html = bleach.clean(self.feedback_html, tags=["p", "b", "i", "a"])
        super().save(*args, **kwargs)


class Reply(models.Model):
    # looks alike: saved as written
    reply_html = models.TextField(blank=True)

    def save(self, *args, **kwargs):
        self.reply_html = self.reply_html.strip()
        super().save(*args, **kwargs)


class Store(models.Model):
    area = gis_models.PolygonField(srid=4326)


class Region(models.Model):
    # a JSON document a user uploads, not a geometry
    boundary = models.JSONField()


class CleanHTMLField(BleachField):
    """The shop's rich text: django-bleach's field with the shop's tags."""


class ShortCleanHTMLField(CleanHTMLField):
    pass


class Testimonial(models.Model):
    # written by customers, cleaned by django-bleach on every save
    quote = CleanHTMLField()
    byline = ShortCleanHTMLField(max_length=80)
    signature = models.TextField()  # looks alike: stored as written
    story = ProseEditorField(extensions={"Bold": True, "Link": True}, sanitize=True)
    draft_story = ProseEditorField(extensions={"Bold": True}, sanitize=False)  # looks alike: kept as the editor sent it


class Note(models.Model):
    # a note on an order, cleaned on save; couriers.models.Note, a class of the
    # same name, keeps its text as written
    text = CleanHTMLField()


class NoticePluginModel(CMSPlugin):
    # a plugin's rich text, cleaned on every save (Review.body, of the same
    # name, is not: in a plugin's template, instance is the plugin's model)
    body = models.TextField()

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body, full=False)
        super().save(*args, **kwargs)


class PlainNotePluginModel(CMSPlugin):
    # another plugin's body, plain text its template escapes: not cleaned
    body = models.TextField()


class BannerTextItem(ContentItem):
    # django-fluent-contents content: editors write it in the page admin
    banner_html = PluginHtmlField(blank=True)


class GuestbookItem(ContentItem):
    # also written by a public form (GuestbookEntryForm)
    entry_html = PluginHtmlField(blank=True)
