from django.db import models


class Ticket(models.Model):
    STATUSES = ("open", "closed")

    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20)
    priority = models.IntegerField(default=0)
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)
