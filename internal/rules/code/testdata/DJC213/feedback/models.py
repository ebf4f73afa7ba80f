from django.db import models


class Feedback(models.Model):
    url = models.URLField()
    comment = models.TextField()
