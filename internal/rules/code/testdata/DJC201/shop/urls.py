from django.urls import path

from . import views

urlpatterns = [
    path("cart/add/", views.add_to_cart),
    path("status/", views.status),
    path("hooks/stripe/", views.stripe_webhook),
    path("email/", views.EmailUpdateView.as_view()),
]
