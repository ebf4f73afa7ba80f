import requests
from django.db import models


class PictureManager(models.Manager):
    def create_from_url(self, url):
        response = requests.get(url, timeout=5)  # want "outgoing request URL built from request data \\(validated_data\\[.source_url.\\]\\) reaches requests.get"
        return self.create(data=response.content)

    def create_from_catalogue(self, name):
        response = requests.get("https://images.example.com/catalogue/" + name, timeout=5)  # safe: the host is fixed
        return self.create(data=response.content)


class Picture(models.Model):
    data = models.BinaryField()
    objects = PictureManager()
