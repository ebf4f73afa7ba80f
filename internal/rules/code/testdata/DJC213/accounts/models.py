from django.db import models


class LoginRecord(models.Model):
    username = models.CharField(max_length=150)
    ok = models.BooleanField(default=False)
