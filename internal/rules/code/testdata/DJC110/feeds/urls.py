from django.urls import path

from . import views

urlpatterns = [path("import/", views.import_feed), path("sax/", views.SaxImport.as_view())]
