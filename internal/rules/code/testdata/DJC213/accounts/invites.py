from django.core.mail import send_mail
from django.views import View
from django.http import HttpResponse


class AcceptInvite(View):  # want "view AcceptInvite changes data \\(e-mail: send_mail"
    def validate_key(self, key):
        # no signature: the key is the address itself
        return key if "@" in key else None

    def get(self, request, key):
        email = self.validate_key(key)
        if email:
            send_mail("Invitation accepted", "Welcome aboard.", None, [email])
        return HttpResponse("ok")
