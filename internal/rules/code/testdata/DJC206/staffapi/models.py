from django.db import models


class Team(models.Model):
    name = models.CharField(max_length=80)
    members = models.ManyToManyField("auth.User")
    owner = models.ForeignKey("auth.User", related_name="+", on_delete=models.CASCADE)


class Project(models.Model):
    name = models.CharField(max_length=80)
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)


class Catalog(models.Model):
    name = models.CharField(max_length=80)
    groups = models.ManyToManyField("auth.Group")


class Shelf(models.Model):
    name = models.CharField(max_length=80)
    groups = models.ManyToManyField("auth.Group")


class SiteConfig(models.Model):
    slack_token = models.CharField(max_length=200, blank=True)
    webhook_secret = models.CharField(max_length=200, blank=True)


class Connector(models.Model):
    name = models.CharField(max_length=80)
    client_secret = models.CharField(max_length=200)


class Feed(models.Model):
    name = models.CharField(max_length=80)
    api_token = models.CharField(max_length=200)


class Alert(models.Model):
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    query = models.CharField(max_length=200)
    secret_key = models.CharField(max_length=40)


class Watch(models.Model):
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    query = models.CharField(max_length=200)
    secret_key = models.CharField(max_length=40)
