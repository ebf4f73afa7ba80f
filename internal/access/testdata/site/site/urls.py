from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from decorator_include import decorator_include

import shop.legal_urls
from shop import views as shop_views

PREFIX = "v1/"
DEBUG_TOOLBAR = False

extra = [
    path("about/", shop_views.about, name="about"),
]

urlpatterns = [
    path("", shop_views.home, name="home"),
    path("shop/", include("shop.urls")),
    path("staff/", decorator_include(staff_member_required, "shop.staff_urls")),
    path(f"api/{PREFIX}", include("api.urls")),
    path("pages/", include(extra)),
    path("private/", include("shop.private_urls")),
    path("legal/", include(shop.legal_urls)),
    re_path(r"^orders/(?P<pk>\d+)/$", login_required(shop_views.order), name="order"),
]

if DEBUG_TOOLBAR:
    # the debug toolbar's URLs go first; the rest stay
    urlpatterns = [path("__debug__/", include("debug_toolbar.urls")), *urlpatterns]

if settings.DEBUG or settings.TEST:
    # only development and test runs have it
    urlpatterns += [path("test/reset/", shop_views.home)]
if not settings.DEBUG:
    urlpatterns += [path("status/", shop_views.home)]
