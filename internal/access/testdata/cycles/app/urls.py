from django.urls import include, path

from . import views

urlpatterns = [
    path("a/", views.A.as_view()),
    path("loop/", views.Loop.as_view()),
    path("looped/", views.looped),
    path("self/", include("app.urls")),
    path("list/", include(urlpatterns)),
]
urlpatterns += [
    path("b/", include(urlpatterns)),
    path("c/", include(urlpatterns)),
    path("d/", include(urlpatterns)),
    path("e/", include(urlpatterns)),
]
