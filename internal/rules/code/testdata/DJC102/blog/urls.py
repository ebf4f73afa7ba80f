from django.urls import path

from . import responses
from . import views

urlpatterns = [
    path("hello/", views.hello),
    path("tag/<str:tag>/", views.tag_page),
    path("post/<int:pk>/", views.post_detail),
    path("greet/", views.GreetView.as_view()),
    path("export/", views.export_csv),
]

from . import mail

urlpatterns += [
    path("contact/", mail.contact),
    path("invite/", mail.invite),
    path("digest/", mail.digest),
    path("badge/", mail.badge),
    path("card/", mail.card),
    path("tags/", mail.tag_list),
]

from . import submit

urlpatterns += [
    path("lists/rename/", submit.rename),
    path("hooks/echo/", submit.hook_echo),
    path("search/", submit.search_echo),
    path("api/checkout/", submit.CheckoutApi.as_view()),
    path("api/preview/", submit.PreviewApi.as_view()),
    path("hooks/payment/", submit.payment_notify),
    path("hooks/payment-late/", submit.payment_notify_late),
    path("page/", submit.page_echo),
    path("page-quiet/", submit.page_quiet),
    path("body-error/", submit.body_error),
    path("since/", submit.SinceView.as_view()),
]

from . import jsonp

urlpatterns += [
    path("feed/", jsonp.feed),
    path("feed.js", jsonp.feed_script),
    path("feed-returned/", jsonp.feed_returned),
    path("feed-html/", jsonp.feed_helper_html),
    path("feed.xhtml", jsonp.feed_xml),
    path("preview/json/", responses.preview_json),
    path("preview/text/", responses.preview_text),
    path("preview/fragment/", responses.preview_fragment),
]

from . import files

urlpatterns += [
    path("previews/<str:name>/", files.preview),
    path("previews/<str:name>/text/", files.preview_text),
    path("previews/<str:name>/titled/", files.preview_titled),
    path("previews/upload/", files.echo_upload),
]

from . import browse

urlpatterns += [path("browse/", browse.browser), path("browse/raw/", browse.browser_raw), path("browse/plain/", browse.browser_unquoted)]
