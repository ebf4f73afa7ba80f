from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models


class Invoice(models.Model):
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)


class Plan(models.Model):
    name = models.CharField(max_length=40)


class Budget(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    limit = models.DecimalField(max_digits=10, decimal_places=2)

    def raise_not_editable(self, viewer):
        if viewer != self.owner:
            raise PermissionDenied

    def shared_with(self, viewer):
        return viewer == self.owner


class OwnedBase(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        abstract = True


class Wallet(OwnedBase):  # owned through its base
    balance = models.DecimalField(max_digits=10, decimal_places=2)


class Catalogue(models.Model):  # shared rows; created_by only records who added one
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=100)


class Receipt(models.Model):
    customer: "User" = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE)


class Book(models.Model):
    slug = models.SlugField()


class BudgetFlag(models.Model):  # a member's report about a budget, for the moderators
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE)
    reason = models.TextField()


class Note(models.Model):  # who wrote it; the project lets anyone read notes
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField()


class Album(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    def check_perm(self, user, perm):
        return user.has_perm(perm, self)


class Picture(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    album = models.ForeignKey(Album, on_delete=models.CASCADE)
    caption = models.CharField(max_length=100)


class Star(models.Model):  # a member's mark on an album they like
    album = models.ForeignKey(Album, on_delete=models.CASCADE)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class Statement(models.Model):
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    guid = models.CharField(max_length=36)
    total = models.DecimalField(max_digits=10, decimal_places=2)
