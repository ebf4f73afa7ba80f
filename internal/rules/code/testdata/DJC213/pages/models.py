from django.db import models


class Job(models.Model):
    name = models.CharField(max_length=50)
    priority = models.IntegerField(default=0)
    enabled = models.BooleanField(default=True)


class SiteKey(models.Model):
    label = models.CharField(max_length=50)
    apikey = models.CharField(max_length=64)
