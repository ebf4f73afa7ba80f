from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    library_path = models.CharField(max_length=200)


class Album(models.Model):
    owner = models.ForeignKey(User, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)
