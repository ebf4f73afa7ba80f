from django.urls import path

from . import accounts, views

urlpatterns = [
    path("", views.product_list, name="product_list"),
    path("p/<slug:slug>/", views.product_detail, name="product_detail"),
    path("search/", views.search, name="search"),
    path("search2/", views.search_safe, name="search_safe"),
    path("checkout/", views.checkout, name="checkout"),
    path("webhook/payment/", views.payment_webhook, name="payment_webhook"),
    path("invoice/", views.invoice, name="invoice"),
    path("thumb/", views.thumbnail, name="thumbnail"),
    path("preview/", views.fetch_preview, name="preview"),
    path("reset/", views.reset_token, name="reset"),
    path("cart/", views.cart, name="cart"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("signup/", accounts.signup, name="signup"),
]
