from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django_registration.backends.activation.views import ActivationView


class ConfirmAccount(ActivationView):
    def activate(self, *args, **kwargs):
        # validate_key unsigns the e-mailed key: a forged one gives None
        email = self.validate_key(kwargs.get("activation_key"))
        if not email:
            return False
        user = get_user_model().objects.get(email=email)
        user.is_active = True
        user.save()
        send_mail("Welcome", "Your account is ready.", None, [email])
        return user
