from django.db import models


class MailTemplate(models.Model):
    content = models.TextField()
