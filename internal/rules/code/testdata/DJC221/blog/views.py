from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from .models import Answer, Draft, Post, Question, Reply, Vote


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


@login_required
def answer(request, pk):  # safe: the question is only what the requester's new answer refers to
    question = get_object_or_404(Question, pk=pk)
    a = Answer(author=request.user, body=request.POST["body"])
    a.question = question
    a.save()
    return JsonResponse({"id": a.pk})


@login_required
def vote(request, pk):  # safe: the requester's own vote refers to the question
    question = get_object_or_404(Question, pk=pk)
    v, created = Vote.objects.get_or_create(question=question, user=request.user)
    if not created:
        v.delete()
    return JsonResponse({"voted": created})


@login_required
def quote(request, pk):
    question = get_object_or_404(Question, pk=pk)  # want "Question is looked up by the pk from the URL in a view that requires only a login"
    a = Answer(author=request.user, body=request.POST["body"])
    a.question = question
    return JsonResponse({"quoted": a.question.body})
