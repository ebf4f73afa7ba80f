from metrics import models


def store_access(request, article_id):
    models.ArticleAccess.objects.create(article_id=article_id, kind=request.GET.get("kind", "view"))
