from django.db import models


class Cart(models.Model):
    session = models.CharField(max_length=40, blank=True)
    user = models.ForeignKey("auth.User", null=True, on_delete=models.CASCADE)


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE)
    product = models.IntegerField()
    amount = models.IntegerField(default=1)
