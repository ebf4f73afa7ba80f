import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import render

from .engine import ArticleSearch


def search(request):
    results = ArticleSearch(query=request.GET.get("q", "")).execute()
    return render(request, "search/results.html", {"results": results})


def search_json(request):
    # an encoder of another kind: a JSON encoder class, not a highlighter's
    results = ArticleSearch(query=request.GET.get("q", "")).execute()
    return JsonResponse({"hits": [hit.to_dict() for hit in results]}, encoder=DjangoJSONEncoder)
