import uuid

from django.db import models
from django.utils.crypto import get_random_string


class LoginRecord(models.Model):
    username = models.CharField(max_length=150)
    ok = models.BooleanField(default=False)


class ShareLink(models.Model):
    uuid = models.UUIDField()
    recipe = models.CharField(max_length=100)
    request_count = models.IntegerField(default=0)


def new_donor_id():
    return get_random_string(length=12)


class NamedMixin:
    def label(self):
        return str(self.pk)


class DonationModel(models.Model):
    id = models.CharField(max_length=12, primary_key=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.id:
            self.id = new_donor_id()
        return super().save(*args, **kwargs)


class Donor(NamedMixin, DonationModel):
    email = models.EmailField(blank=True)


class Ticket(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    note = models.TextField()


class Coupon(models.Model):
    code = models.CharField(max_length=20, primary_key=True)
    used = models.BooleanField(default=False)


class User(models.Model):
    username = models.CharField(max_length=150)
    email = models.EmailField()
    email_changes = models.IntegerField(default=0)


class Subscription(models.Model):
    email = models.EmailField()
    activation_key = models.CharField(max_length=40)
    secret_key = models.CharField(max_length=40)
    confirmed = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
