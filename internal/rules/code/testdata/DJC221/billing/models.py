from django.conf import settings
from django.db import models


class Invoice(models.Model):
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)


class Plan(models.Model):
    name = models.CharField(max_length=40)
