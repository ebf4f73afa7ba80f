from django.urls import path
from rest_framework.routers import DefaultRouter

from members import views as member_views

router = DefaultRouter()
router.register("members", member_views.MemberViewSet, basename="member")

urlpatterns = [path("moderate/", member_views.moderate)] + router.urls
