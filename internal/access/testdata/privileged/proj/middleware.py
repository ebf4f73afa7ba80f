from django.contrib.auth.views import redirect_to_login
from django.utils.deprecation import MiddlewareMixin

OPEN_PATHS = ("/about/", "/login/")


def account_of(request):
    return request.session.get("account")


def may_visit(request):
    """Whether the account may see the path, by the privileges of its groups."""
    account = account_of(request)
    path = request.get_full_path()
    allowed = path.startswith(OPEN_PATHS) or account.has_perm("web_access", path)
    if not allowed:
        return False
    return True


class PathPrivileges(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = may_visit(request)
        if not allowed:
            return redirect_to_login(request.get_full_path())
        return None
