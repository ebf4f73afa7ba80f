from django.conf import settings
from django.db import models


class Memo(models.Model):  # a team's shared memos: the list shows every one to every member
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    text = models.TextField()


class Timesheet(models.Model):  # each member's own: no view lists them all
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    hours = models.IntegerField()


class Task(models.Model):  # listed to all, but each member's own to change
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)


class Alarm(models.Model):  # the team's alert rules: a function view lists every one to every member
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    pattern = models.CharField(max_length=100)


class Badge(models.Model):  # each member's own: a view only counts them all
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)


class Roster(models.Model):  # each lead's own; the reviewers it names act on it
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="reviewed_rosters")
    name = models.CharField(max_length=100)
