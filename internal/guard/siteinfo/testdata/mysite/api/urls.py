from django.urls import include, path
from rest_framework import routers
from rest_framework.authtoken.views import obtain_auth_token

from shop import views

router = routers.DefaultRouter()

urlpatterns = [
    path("token/", obtain_auth_token),
    path("", include(router.urls)),
]
