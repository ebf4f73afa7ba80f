from django.urls import path

from . import views

urlpatterns = [path("calc/", views.calculate), path("filter/", views.FilterView.as_view())]

from . import plugins

urlpatterns += [
    path("plugins/upload/", plugins.upload_plugin),
    path("plugins/notes/", plugins.save_notes),
    path("plugins/run/", plugins.run_async),
]
