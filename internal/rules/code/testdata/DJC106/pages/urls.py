from django.urls import path

from . import views

urlpatterns = [path("preview/", views.preview), path("mail/<slug:kind>/", views.mail_preview), path("greet/", views.greet)]

from . import editor

urlpatterns += [
    path("editor/save/", editor.save_template),
    path("editor/export/", editor.export_page),
    path("editor/phone/", editor.save_phone),
]

from . import labels

urlpatterns += [
    path("labels/preview/", labels.preview_label),
    path("labels/footer/", labels.preview_footer),
    path("labels/header/", labels.preview_header),
]
