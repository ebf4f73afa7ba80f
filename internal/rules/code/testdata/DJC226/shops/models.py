from django.db import models


class Shop(models.Model):
    domain = models.CharField(max_length=100)
