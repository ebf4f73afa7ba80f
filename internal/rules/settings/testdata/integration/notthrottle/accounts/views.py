from django.contrib.auth import views as auth_views
from django.shortcuts import render


def login_view(request):
    # Named like login handling, but limits nothing.
    return auth_views.LoginView.as_view()(request)


def rate_limit_products(request):
    # Limits something, but not logins.
    return render(request, "products.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
