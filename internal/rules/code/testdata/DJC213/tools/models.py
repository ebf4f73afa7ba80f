from django.db import models


class Tool(models.Model):
    name = models.CharField(max_length=50)
    members = models.TextField()
    public = models.BooleanField(default=True)


class Revision(models.Model):
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE)
    hidden = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
