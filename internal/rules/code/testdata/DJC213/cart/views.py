from django.http import HttpResponse

from .models import Cart, CartItem


def get_or_create_cart(request):
    if not request.session.session_key:
        request.session.save()
    cart, _ = Cart.objects.get_or_create(session=request.session.session_key)
    return cart


def add_to_cart(request, product_id):  # safe: a guest fills the cart the session keeps
    cart = get_or_create_cart(request)
    item, _ = CartItem.objects.get_or_create(cart=cart, product=product_id)
    item.amount += 1
    item.save()
    return HttpResponse("added")
