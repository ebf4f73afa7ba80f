from django.db import models


class Package(models.Model):
    name = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    downloads = models.IntegerField(default=0)
    download_count = models.IntegerField(default=0)
    maintainers = models.ManyToManyField("auth.User")


class PackageDownload(models.Model):
    package = models.ForeignKey(Package, on_delete=models.CASCADE)
    day = models.DateField()
    count = models.IntegerField(default=1)


class Favourite(models.Model):
    package = models.ForeignKey(Package, on_delete=models.CASCADE)
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
