from django.contrib.auth.forms import UserCreationForm
from django.http import HttpResponseRedirect
from django.shortcuts import render


class SignUpForm(UserCreationForm):
    """Customers make their own accounts, with a password of their choice."""


def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return HttpResponseRedirect("/accounts/login/")
    return render(request, "shop/signup.html", {"form": form})
