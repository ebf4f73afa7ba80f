from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.template import loader
from django.utils.safestring import mark_safe
from markdown import markdown

from shop.models import CleanHTMLField

from .fields import RichTextField, TrimmedTextField


class Difficulty(models.Model):
    # a vocabulary staff keep in the admin
    grade_label = models.CharField(max_length=50)
    grade_html = CleanHTMLField()  # cleaned on every save

    def __str__(self):
        return self.grade_label


class Theme(models.Model):
    # visitors suggest themes through ThemeSuggestionForm
    theme_name = models.CharField(max_length=50)

    def __str__(self):
        return f"{self.theme_name}"


class Region(models.Model):
    region_title = models.CharField(max_length=50)

    def __str__(self):
        # not only its own fields: what it shows is not known
        return self.describe()


class Guide(models.Model):
    field_notes = models.TextField()  # staff write it in the admin
    guide_label = models.CharField(max_length=50)  # staff write it; views only look it up
    summary_html = models.TextField()  # staff write it; a base serializer lists the name for other models
    notes_html = models.TextField()  # staff write it; the API only reads it
    # the same names as TrailReport's and Member's cleaned fields, stored as
    # written: which model a loop's variable holds decides
    report_html = models.TextField()
    blurb_html = models.TextField()
    grade_html = models.TextField()
    remark_html = models.TextField()


class Trail(models.Model):
    trail_name = models.CharField(max_length=100)
    field_notes = models.TextField()  # written through TrailForm
    difficulty = models.ForeignKey("trails.Difficulty", on_delete=models.PROTECT)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    # named apart from its model: what it holds is a Difficulty
    rating = models.ForeignKey(Difficulty, related_name="+", on_delete=models.PROTECT)
    guide = models.ForeignKey(Guide, on_delete=models.PROTECT)
    # written through RouteNotesForm, in a django-mapentity edit view
    route_notes = models.TextField(blank=True)
    # written through TrailPublicForm, which visitors submit
    visitor_notes = models.TextField(blank=True)

    def card_html(self):
        # a template rendered with autoescaping: what it prints is escaped there
        t = loader.get_template("trails/trail_card.html")
        return mark_safe(t.render({"trail": self}))

    def popup_html(self):
        return mark_safe(loader.select_template(["trails/popup.html"]).render({"trail": self}))

    def notes_html(self):
        t = self.field_notes
        return mark_safe(t.replace("\n", "<br>"))


class Member(AbstractBaseUser):
    # a model by its Django field, whatever its bases: its fields of the
    # project's own classes count too
    email = models.EmailField(unique=True)
    blurb_html = CleanHTMLField()  # cleaned on every save
    motto_html = models.TextField()  # looks alike: stored as written
    bio_html = RichTextField(blank=True)  # cleaned by the field's to_python on every save
    status_html = TrimmedTextField(blank=True)  # looks alike: only trimmed


class TrailReport(models.Model):
    report_html = CleanHTMLField()  # cleaned on every save
    trail = models.ForeignKey(Trail, related_name="trail_reports", on_delete=models.CASCADE)


class Remark(models.Model):
    remark_html = models.TextField()  # stored as written


class TrailNote(models.Model):
    remark_html = CleanHTMLField()  # cleaned on every save
    trail = models.ForeignKey(Trail, related_name="trail_notes", on_delete=models.CASCADE)


class Itinerary(models.Model):
    summary_html = models.TextField()  # written through ItinerarySerializer


class Route(models.Model):
    overview_html = models.TextField()  # written through RouteSerializer, behind model permissions
    feedback_html = models.TextField()  # written through RouteFeedbackSerializer, by any user


class TrailVisit(models.Model):
    trail = models.ForeignKey(Trail, on_delete=models.CASCADE)
    visit_note_html = models.TextField()  # written by log_visit through defaults=


class Permit(models.Model):
    holder = models.CharField(max_length=100)
    terms_html = models.TextField()  # the view fills it from a template it renders
    remarks_html = models.TextField()  # the view copies what the holder typed


class Waypoint(models.Model):
    waypoint_note = models.TextField()  # the import view sets every field by the posted names


class Logbook(models.Model):
    # logtext is written through LogbookForm, which visitors submit; the
    # model renders it into logtext_html itself, outside save()
    logtext = models.TextField()
    logtext_html = models.TextField(blank=True)
    # staff write the warning in the admin; the model renders it the same way
    warning = models.TextField(blank=True)
    warning_html = models.TextField(blank=True)

    def render(self):
        self.logtext_html = markdown(self.logtext)
        self.warning_html = markdown(self.warning)


class Survey(models.Model):
    # staff write the findings in the admin; the API only checks reports
    # against their shape, and lists surveys
    findings_html = models.TextField()
    listing_html = models.TextField()


class ImportedNote(models.Model):
    note_html = models.TextField()  # written through ImportRowSerializer.create
