from django.contrib import admin
from django.utils.html import format_html


class Course:
    title = ""

    @admin.display(description="Title")
    def title_linked(self):
        return format_html(f'{self.title} <a href="/admin/">Admin</a>')  # want "title_linked is a column of the admin \\(@admin.display\\)"
