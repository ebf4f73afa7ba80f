from django.db import models


class CartItem(models.Model):
    product_id = models.IntegerField()


class Order(models.Model):
    ref = models.CharField(max_length=20)
    paid = models.BooleanField(default=False)


class WishlistItem(models.Model):
    product_id = models.IntegerField()


class Alert(models.Model):
    secret_key = models.CharField(max_length=40)
    query = models.CharField(max_length=200)
    enabled = models.BooleanField(default=True)


class ApiKey(models.Model):
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    value = models.CharField(max_length=64)


class Grant(models.Model):
    code = models.CharField(max_length=64)
    client_secret = models.CharField(max_length=64)
    used = models.BooleanField(default=False)


class AccessToken(models.Model):
    token = models.CharField(max_length=64)
    revoked = models.BooleanField(default=False)


class Project(models.Model):
    name = models.CharField(max_length=100)
    sentry_key = models.CharField(max_length=32)
