from django.urls import path

from . import views

urlpatterns = [
    path("prefs/", views.save_prefs),
    path("warm/", views.warm_cache),
    path("recover/", views.RecoverPasswordView.as_view()),
    path("coupons/<int:pk>/star/", views.star_coupon),
    path("banner/reset/", views.reset_banner),
    path("api/login/", views.api_login),
    path("api/attempt/", views.record_attempt),
    path("start/", views.start_page),
    path("visit/", views.visit),
    path("recipes/<str:recipe>/shared/", views.shared_recipe),
    path("recipes/<str:recipe>/count/", views.count_recipe_view),
    path("recipes/<str:recipe>/unshared/", views.unshared_recipe),
    path("donors/<donor>/", views.manage_donor),
    path("tickets/<ticket>/", views.annotate_ticket),
    path("coupons/<code>/", views.redeem_coupon),
]
