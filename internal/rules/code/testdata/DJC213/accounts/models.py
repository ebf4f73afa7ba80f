from django.db import models


class LoginRecord(models.Model):
    username = models.CharField(max_length=150)
    ok = models.BooleanField(default=False)


class ShareLink(models.Model):
    uuid = models.UUIDField()
    recipe = models.CharField(max_length=100)
    request_count = models.IntegerField(default=0)
