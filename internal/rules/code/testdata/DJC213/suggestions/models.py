from django.db import models


class Event(models.Model):
    title = models.CharField(max_length=100)
    status = models.CharField(max_length=20, default="suggested")
    open = models.BooleanField(default=True)


class Answer(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    age = models.IntegerField(null=True)


class Reason(models.Model):
    text = models.TextField()
