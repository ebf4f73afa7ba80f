from django.db import models


class Bulletin(models.Model):
    # rich text the site's editors write; the add view asks for bulletins.add_bulletin
    body = models.TextField()


class Tip(models.Model):
    # members send tips too: the same form serves a view with no permission
    body_html = models.TextField()
