from django.urls import include, path

from front.urls import urlpatterns
from front import views

# the front's routes, then the site's own
urlpatterns += [
    path("legacy/", include("legacy.urls")),
    path("help/", views.about),
]
