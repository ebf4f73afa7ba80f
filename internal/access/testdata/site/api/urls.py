from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views
from .coupons import add_coupon_urls

router = DefaultRouter()
router.register("orders", views.OrderViewSet)
router.register("banners", views.BannerViewSet, basename="banner")
router.register("notices", views.NoticeViewSet, basename="notice")
router = add_coupon_urls(router)

urlpatterns = [
    path("", include(router.urls)),
    path("health/", views.Health.as_view()),
    path("report/", views.Report.as_view()),
    path("open/", views.Open.as_view()),
    path("stats/", views.stats),
]
