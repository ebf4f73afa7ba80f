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
