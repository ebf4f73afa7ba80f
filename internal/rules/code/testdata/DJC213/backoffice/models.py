from django.db import models


class Banner(models.Model):
    text = models.CharField(max_length=200)
    live = models.BooleanField(default=False)
