from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

ADMIN = "backstage/" if settings.HARDENED else "admin/"

urlpatterns = [
    path("", views.home),
    path(ADMIN, admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view()),
    path("accounts/logout/", views.logout),
]
if settings.HAVE_DRF:
    urlpatterns.append(path("api/", views.api_root))
if settings.HAVE_TOOLBAR:
    from django.urls import include

    urlpatterns.append(path("__debug__/", include("debug_toolbar.urls")))
