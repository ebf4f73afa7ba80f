import nh3
from django.db import models


def sanitize_html(value):
    return nh3.clean(value, tags={"p", "a", "em", "strong"})


class RichTextField(models.TextField):
    """Stores HTML cleaned of everything but a few tags."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        return sanitize_html(value)


class TrimmedTextField(models.TextField):
    """Looks alike: only trims what it stores."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip() if value else value
