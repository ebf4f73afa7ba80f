from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from rest_framework.authentication import TokenAuthentication


# DRF is installed for its token model: the scripts send a token, and
# no view of the project is one of DRF's
@login_required
def code_page(request, pk):
    user, _ = TokenAuthentication().authenticate(request) or (request.user, None)
    return render(request, "codes/page.html", {"user": user})
