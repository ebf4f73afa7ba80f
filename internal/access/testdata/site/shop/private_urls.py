from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views


def decorate_all(patterns, decorator):
    for p in patterns:
        p.callback = decorator(p.callback)
    return patterns


urlpatterns = [path("notes/", views.about)]
urlpatterns = decorate_all(urlpatterns, login_required)
