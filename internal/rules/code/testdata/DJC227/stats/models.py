from django.db import models


class Record(models.Model):
    """One use of a service: when, what was asked, from where."""

    time = models.DateTimeField()
    resource = models.JSONField()
    client_ip = models.GenericIPAddressField(null=True)
