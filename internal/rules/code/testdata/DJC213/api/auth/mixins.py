from django.shortcuts import redirect


class MemberRequiredMixin:
    """Sends anonymous visitors to the login page."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)


class MemberViewBase(MemberRequiredMixin):
    template_name = "base.html"
