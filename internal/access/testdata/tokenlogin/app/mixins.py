from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import redirect


class TokenLoginMixin:
    def redirect_to_login(self):
        return HttpResponseRedirect(settings.LOGIN_URL + "?" + urlencode({"next": self.request.get_full_path()}))

    def dispatch(self, request, *args, **kwargs):
        if not self.request.sso_client.token:
            return self.redirect_to_login()
        return super().dispatch(request, *args, **kwargs)


class NeedsCartMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.session.get("cart"):
            return redirect("cart")
        return super().dispatch(request, *args, **kwargs)
