from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.update_profile),
    path("profile/form/", views.update_profile_with_form),
    path("signup/", views.signup),
    path("api/orders/", views.OrderAPI.as_view()),
    path("settings/", views.save_settings),
    path("notes/", views.add_note),
    path("vote/<int:revision>/", views.vote),
    path("quick/", views.quick_note),
    path("field/", views.edit_field),
    path("attachments/", views.AttachmentAPI.as_view()),
    path("log/", views.log_request),
    path("log/all/", views.log_everything),
    path("audit/", views.audit_request),
    path("bio/", views.BioAPI.as_view()),
]
