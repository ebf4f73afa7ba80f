from django.contrib.auth.models import AbstractUser
from django.db import models


class Member(AbstractUser):
    nickname = models.CharField(max_length=30)


class ApiClient(models.Model):
    name = models.CharField(max_length=50)
    api_key = models.CharField(max_length=64)


class Tag(models.Model):
    label = models.CharField(max_length=30)


class Document(models.Model):
    owner = models.ForeignKey(Member, on_delete=models.CASCADE)
    title = models.CharField(max_length=100)


class Officer(AbstractUser):
    # signs in through single sign-on: the password field is taken away
    password = None
    api_secret = models.CharField(max_length=64)


class Clerk(AbstractUser):
    # signs in through single sign-on; staff and superuser come from a role
    password = None
    role_name = models.CharField(max_length=30, editable=False)

    @property
    def has_admin_role(self):
        return self.role_name == "admin"

    is_staff = has_admin_role
    is_superuser = property(lambda self: self.role_name == "root")


class DeviceGroup(models.Model):
    name = models.CharField(max_length=50)


class Device(models.Model):
    owner = models.ForeignKey(Member, on_delete=models.CASCADE)
    groups = models.ManyToManyField(DeviceGroup, through="DeviceMembership")


class DeviceMembership(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE)
    group = models.ForeignKey(DeviceGroup, on_delete=models.CASCADE)


class Rack(models.Model):
    groups = models.ManyToManyField(DeviceGroup)
    label = models.CharField(max_length=30)
