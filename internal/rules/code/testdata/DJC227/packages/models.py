from django.conf import settings
from django.db import models


class Package(models.Model):
    slug = models.SlugField()
    usage = models.ManyToManyField(settings.AUTH_USER_MODEL)
    views = models.IntegerField(default=0)
    link = models.CharField(max_length=200, blank=True)
    usage_count = models.IntegerField(default=0)
    has_been_opened = models.BooleanField(default=False)


class Flag(models.Model):
    package = models.ForeignKey(Package, on_delete=models.CASCADE)
    approved = models.BooleanField(default=False)

    def approve(self):
        self.approved = True
        self.save()


class Notice(models.Model):
    read = models.DateTimeField(null=True)


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class Invitation(models.Model):
    token = models.UUIDField()
    accepted = models.BooleanField(default=False)


class PackageRead(models.Model):  # what each user has read of a package's changelog
    package = models.ForeignKey(Package, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class DownloadLog(models.Model):  # who fetched which package's file
    package = models.ForeignKey(Package, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class Release(models.Model):
    package = models.ForeignKey(Package, on_delete=models.CASCADE)
    number_of_downloads = models.IntegerField(default=0)
    yanked = models.BooleanField(default=False)


class CachedExport(models.Model):  # a file the server made, kept until it expires
    expires = models.DateTimeField()
    filename = models.CharField(max_length=255)


class CacheSetting(models.Model):  # how long exports are kept: configuration
    days = models.IntegerField(default=1)
