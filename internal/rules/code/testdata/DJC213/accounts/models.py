import uuid

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils.crypto import get_random_string


class LoginRecord(models.Model):
    username = models.CharField(max_length=150)
    ok = models.BooleanField(default=False)


class ShareLink(models.Model):
    uuid = models.UUIDField()
    recipe = models.CharField(max_length=100)
    request_count = models.IntegerField(default=0)
    last_opened = models.DateTimeField(null=True)


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


class Follow(models.Model):
    # a visitor follows an item by e-mail; the confirmation link carries hash
    item_id = models.IntegerField()
    email = models.EmailField()
    hash = models.CharField(max_length=16)
    confirmed = models.BooleanField(default=False)


class Subscription(models.Model):
    email = models.EmailField()
    activation_key = models.CharField(max_length=40)
    secret_key = models.CharField(max_length=40)
    confirmed = models.BooleanField(default=False)
    active = models.BooleanField(default=True)


class MemberManager(models.Manager):
    def get_with_verification_key(self, key):
        # the key is the username signed when the mail was sent
        try:
            username = signing.loads(key, salt=settings.SECRET_KEY)
        except signing.BadSignature as err:
            raise self.model.DoesNotExist from err
        return self.get(username=username)

    def get_with_plain_key(self, key):
        return self.get(username=key)


class Member(models.Model):
    username = models.CharField(max_length=150)
    verified = models.BooleanField(default=False)
    primary = models.BooleanField(default=False)
    seen = models.BooleanField(default=False)

    objects = MemberManager()


class Booking(models.Model):
    owner = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL)
    confirmed = models.BooleanField(default=False)


class Device(models.Model):
    verification_code = models.CharField(max_length=6)
    code_expires_at = models.DateTimeField()
    country_code = models.CharField(max_length=2)
    is_verified = models.BooleanField(default=False)
    is_paired = models.BooleanField(default=False)


def make_claim_code():
    import secrets

    return secrets.token_hex(32)


class PrizeClaim(models.Model):
    # the code goes out by e-mail to the winner, in place of a login
    auth_code = models.CharField(max_length=64, default=make_claim_code)
    address = models.TextField(blank=True)
    entry_number = models.CharField(max_length=10)


def new_paste_slug():
    return get_random_string(length=24)


class Paste(models.Model):
    slug = models.CharField(max_length=32, default=new_paste_slug)
    body = models.TextField()
    views = models.IntegerField(default=0)

