from django.db import models


class Tool(models.Model):
    name = models.CharField(max_length=50)
    members = models.TextField()
    public = models.BooleanField(default=True)


class Revision(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE)
    hidden = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)


class Switch(models.Model):
    on = models.BooleanField(default=False)
    label = models.CharField(max_length=50, blank=True)
