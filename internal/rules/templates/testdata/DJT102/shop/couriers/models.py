from django.db import models


class Note(models.Model):
    # a courier's note: saved as typed
    text = models.TextField()
