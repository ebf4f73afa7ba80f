from django.shortcuts import render

from .models import Post


class HomePage:
    """A page model whose template the CMS finds by the class name."""


def post(request, pk):
    return render(request, "blog/post.html", {"post": Post.objects.get(pk=pk)})


def legal(request, kind):
    return render(request, "blog/legal/%s.html" % kind, {})
