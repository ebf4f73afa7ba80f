from smartmin.views import SmartCRUDL, SmartReadView

from .models import Post


class PostCRUDL(SmartCRUDL):
    # smartmin names templates from the model and any action:
    # blog/post_share.html for the share action
    model = Post
    actions = ("read", "share")

    class Share(SmartReadView):
        pass
