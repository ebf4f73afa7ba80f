from django.db import models


class Profile(models.Model):
    display_name = models.CharField(max_length=50)
    bio = models.TextField()
    is_verified = models.BooleanField(default=False)


class Address(models.Model):
    street = models.CharField(max_length=100)
