from django.urls import include, path

# people log in with a password here: what the limits are about
urlpatterns = [path("accounts/", include("django.contrib.auth.urls"))]
