from django.db import models


class Story(models.Model):
    body = models.TextField()
