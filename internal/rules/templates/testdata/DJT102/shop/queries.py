from django.db import models
from django.utils.html import escape as esc

from .utils.query_display import format_query, mark_terms


class SavedQuery(models.Model):
    # a module that escapes nothing itself: its methods return what the
    # helpers of utils/query_display.py make
    sql = models.TextField()  # written by any analyst
    title = models.CharField(max_length=200)

    def get_sql_html(self):
        return format_query(self.sql)

    def get_title_html(self):
        return mark_terms(self.title, "SELECT")

    @property
    def annotated_sql_title(self):
        # looks alike: the title is added as stored
        s = ""
        s += '<span class="alt">query</span> '
        s += self.title
        return s

    @property
    def heading_html(self):
        s = '<span class="alt">query</span> '
        s += esc(self.title)
        return s

    def kind_label(self):
        return "Saved query"


class SuggestedQuery(models.Model):
    # namesake of SavedQuery.kind_label, a field anyone may fill
    kind_label = models.TextField()

    def family_html(self):
        # each row's own path and key around its escaped title
        out = ""
        for q in SavedQuery.objects.filter(title__startswith=self.title):
            title = esc(q.title)
            out += f'<a href="{q.get_absolute_url()}">Q-{q.pk}: {title}</a>'
        return out

    def family_notes_html(self):
        # looks alike: the notes of each row as stored
        out = ""
        for q in SavedQuery.objects.filter(title__startswith=self.title):
            out += f'<a href="{q.get_absolute_url()}">{q.notes}</a>'
        return out
