import secrets

from django.db import models


def new_claim_code():
    return secrets.token_hex(32)


class Paste(models.Model):
    # the project's save() fills it; its name says what it is
    secret_id = models.CharField(max_length=32)
    number = models.IntegerField()
    body = models.TextField()


class Claim(models.Model):
    code = models.CharField(max_length=64, default=new_claim_code)
    ticket = models.CharField(max_length=10)
    address = models.TextField()
