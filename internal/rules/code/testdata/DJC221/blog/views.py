from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from .models import Draft, Post, Reply


class PostDetail(DetailView):
    model = Post


@login_required
def reply(request, pk):  # safe: anyone may read the post by its id; replying only refers to it
    post = get_object_or_404(Post, pk=pk)
    Reply.objects.create(author=request.user, post=post, body=request.POST["body"])
    return JsonResponse({"title": post.title})


@login_required
def retitle(request, pk):
    post = get_object_or_404(Post, pk=pk)  # want "Post is looked up by the pk from the URL in a view that requires only a login"
    post.title = request.POST["title"]
    post.save()
    return JsonResponse({"ok": True})


@login_required
def draft(request, pk):
    d = get_object_or_404(Draft, pk=pk)  # want "Draft is looked up by the pk from the URL in a view that requires only a login"
    return JsonResponse({"body": d.body})
