from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Feedback


def add(request):  # safe: the feedback app takes what visitors send, with no account
    Feedback.objects.create(url=request.POST.get("url", ""), comment=request.POST.get("comment", ""))
    return HttpResponse("thanks")


def remove(request, pk):  # want "view remove changes data"
    get_object_or_404(Feedback, pk=pk).delete()
    return HttpResponse("removed")
