from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Donation


def add(request):  # safe: the donation page takes gifts from visitors without an account
    Donation.objects.create(email=request.POST["email"], amount=request.POST["amount"])
    return HttpResponse("thank you")


def refund(request, pk):  # want "view refund changes data"
    donation = get_object_or_404(Donation, pk=pk)
    donation.refunded = True
    donation.save()
    return HttpResponse("refunded")
