from django.db import models


class Voter(models.Model):
    name = models.CharField(max_length=100)
    site_admin = models.BooleanField(default=False)


class Ballot(models.Model):
    uuid = models.CharField(max_length=36)
    title = models.CharField(max_length=200)
    closed = models.BooleanField(default=False)
    archived = models.BooleanField(default=False)
    admin = models.ForeignKey(Voter, on_delete=models.CASCADE)


class Counter(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE)
    uuid = models.CharField(max_length=36)
    public_key = models.TextField()
