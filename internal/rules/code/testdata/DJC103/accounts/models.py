from django.db import models
from django.urls import reverse


class Order(models.Model):
    ref = models.CharField(max_length=20)

    def get_absolute_url(self):
        return reverse("order", args=[self.pk])
