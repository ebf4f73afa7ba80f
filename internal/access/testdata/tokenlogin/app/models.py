from django.db import models


class Bio(models.Model):
    owner = models.ForeignKey("profiles.Profile", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
