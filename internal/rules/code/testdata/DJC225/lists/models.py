from django.conf import settings
from django.db import models


class ReadingList(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)


class Tag(models.Model):
    label = models.CharField(max_length=30)
