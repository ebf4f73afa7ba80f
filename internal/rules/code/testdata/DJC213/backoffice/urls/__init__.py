from django.urls import include, path

from backoffice import views
from backoffice.auth import editors_only, staff_only, tracked
from backoffice.urls import banners as banner_urls


def wrap_all(patterns, decorator):
    for p in patterns:
        if getattr(p, "callback", None):
            p.callback = decorator(p.callback)
    return patterns


urlpatterns = [
    path("banners/<int:pk>/publish/", views.publish_banner),
    path("banners/", include(banner_urls)),
    path("banners/<int:pk>/edit/", editors_only(views.edit_banner)),
]

urlpatterns = wrap_all(urlpatterns, staff_only)

urlpatterns += [
    path("banners/<int:pk>/bump/", tracked(views.bump_banner)),
]
