from django.db import models


class Talk(models.Model):
    title = models.CharField(max_length=100)

    def get_absolute_url(self):
        return "/talks/%d/" % self.pk


class Comment(models.Model):
    talk = models.ForeignKey(Talk, on_delete=models.CASCADE)


class Event(models.Model):
    domain = models.CharField(max_length=200, unique=True)
    last_socket = models.CharField(max_length=200, blank=True)
