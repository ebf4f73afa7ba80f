
from blog import views as blog_views

urlpatterns += [
    path("posts/<int:pk>/", blog_views.PostDetail.as_view()),
    path("posts/<int:pk>/reply/", blog_views.reply),
    path("posts/<int:pk>/retitle/", blog_views.retitle),
    path("drafts/<int:pk>/", blog_views.draft),
]
