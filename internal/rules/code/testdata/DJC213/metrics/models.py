from django.db import models


class ArticleAccess(models.Model):
    article_id = models.IntegerField()
    kind = models.CharField(max_length=20)
