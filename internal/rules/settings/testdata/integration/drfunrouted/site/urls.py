from importlib import import_module

from django.urls import include, path

# the API's URLs are found by a name djsec cannot follow
urlpatterns = [path("api/", include(import_module("codes.api_urls")))]
