from django.http import HttpResponse

from cart.models import CartItem


def clear_carts(request):  # want "view clear_carts changes data"
    # looks alike: the cart's rows, from a view of another app
    CartItem.objects.all().delete()
    return HttpResponse("cleared")
