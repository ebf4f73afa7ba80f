from django.db import models


class SiteFlag(models.Model):
    site = models.IntegerField()
    name = models.CharField(max_length=40)
    enabled = models.BooleanField(default=False)
