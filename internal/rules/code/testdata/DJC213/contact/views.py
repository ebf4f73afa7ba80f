from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpResponse

from feedback.models import Feedback


def form_view(request):  # safe: the contact app's form, which visitors without an account send
    send_mail("Contact", request.POST["message"], settings.DEFAULT_FROM_EMAIL, [settings.SITE_EMAIL])
    return HttpResponse("thanks")


def purge_view(request):  # want "view purge_view changes data"
    Feedback.objects.all().delete()
    return HttpResponse("purged")
