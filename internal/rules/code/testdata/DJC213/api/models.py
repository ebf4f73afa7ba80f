from django.db import models


class ApiKey(models.Model):
    key = models.CharField(max_length=40)


class Note(models.Model):
    text = models.TextField()
    code = models.UUIDField()


class Donation(models.Model):
    session = models.CharField(max_length=100)
    amount = models.IntegerField()


class DownloadLog(models.Model):
    path = models.CharField(max_length=200)


class Menu(models.Model):
    name = models.CharField(max_length=40)


class SiteSettings(models.Model):
    title = models.CharField(max_length=100)


class Client(models.Model):
    client_id = models.CharField(max_length=40)
    secret_hash = models.CharField(max_length=128)
    tokens_issued = models.IntegerField(default=0)


class Grant(models.Model):
    article_id = models.IntegerField()
    kind = models.CharField(max_length=20)
