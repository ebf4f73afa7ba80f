from django.contrib.auth.models import AbstractUser
from django.db import models


class Person(AbstractUser):
    username = None
    password = None
    email = models.EmailField(unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
