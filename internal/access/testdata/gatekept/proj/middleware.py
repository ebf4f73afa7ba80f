from django.contrib.auth.views import redirect_to_login

OPEN_VIEWS = set()


def no_login_required(view):
    OPEN_VIEWS.add(view)
    return view


class RequireLogin:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @classmethod
    def process_view(cls, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            return None
        if view_func in OPEN_VIEWS:
            return None
        return redirect_to_login(request.get_full_path())
