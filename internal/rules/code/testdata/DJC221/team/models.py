from django.conf import settings
from django.db import models


class Memo(models.Model):  # a team's shared memos: the list shows every one to every member
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    text = models.TextField()


class Timesheet(models.Model):  # each member's own: no view lists them all
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    hours = models.IntegerField()
