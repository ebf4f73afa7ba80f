from django.db import models


class Donation(models.Model):
    email = models.EmailField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    refunded = models.BooleanField(default=False)
