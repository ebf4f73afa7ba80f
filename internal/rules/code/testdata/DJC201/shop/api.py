from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from rest_framework.authentication import SessionAuthentication
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import CartItem


class SessionWithoutCsrf(SessionAuthentication):
    """Lets the single-page app post without the token."""

    def enforce_csrf(self, request):
        return


class CheckedSession(SessionAuthentication):
    def enforce_csrf(self, request):
        super().enforce_csrf(request)


@csrf_exempt
@api_view(["POST"])
def empty_cart(request):  # safe: DRF's SessionAuthentication checks the CSRF token itself, whatever csrf_exempt says
    CartItem.objects.filter(user=request.user).delete()
    return Response({})


class CartClearView(APIView):  # want "exempt from CSRF protection but changes data"
    authentication_classes = [SessionWithoutCsrf]

    def post(self, request):
        CartItem.objects.filter(user=request.user).delete()
        return Response({})


class CartKeepView(APIView):
    authentication_classes = [CheckedSession]

    def post(self, request):  # safe: its session class keeps DRF's check
        CartItem.objects.filter(user=request.user).delete()
        return Response({})


class CartLabelView(APIView):  # safe: only PATCH writes, which no form sends and no CORS lets other origins send
    authentication_classes = [SessionWithoutCsrf]

    def get(self, request):
        return Response({"items": CartItem.objects.filter(user=request.user).count()})

    def patch(self, request):
        CartItem.objects.filter(user=request.user).update(label=request.data.get("label", ""))
        return Response({})


class CartItemViewSet(viewsets.GenericViewSet):  # safe: its only write is an action that answers DELETE alone
    authentication_classes = [SessionWithoutCsrf]
    queryset = CartItem.objects.all()

    @action(detail=False, methods=["delete"])
    def clear(self, request):
        CartItem.objects.filter(user=request.user).delete()
        return Response({})


class CartProfileViewSet(viewsets.GenericViewSet):  # safe: the action writes only under PATCH, which no form sends
    authentication_classes = [SessionWithoutCsrf]
    queryset = CartItem.objects.all()

    @action(detail=False, methods=["get", "patch"])
    def me(self, request):
        if request.method == "PATCH":
            CartItem.objects.filter(user=request.user).update(label=request.data.get("label", ""))
        return Response({"items": CartItem.objects.filter(user=request.user).count()})


class CartTagViewSet(viewsets.GenericViewSet):  # want "exempt from CSRF protection but changes data"
    authentication_classes = [SessionWithoutCsrf]
    queryset = CartItem.objects.all()

    @action(detail=False, methods=["get", "post"])
    def tag(self, request):
        if request.method == "POST":
            CartItem.objects.filter(user=request.user).update(label=request.data.get("label", ""))
        return Response({"items": CartItem.objects.filter(user=request.user).count()})


class CartCountView(APIView):  # safe: it answers GET alone, which no CSRF check covers
    authentication_classes = [SessionWithoutCsrf]

    def get(self, request):
        CartItem.objects.filter(user=request.user, seen=False).update(seen=True)
        return Response({})


class UploadViewSet(viewsets.GenericViewSet):  # not in the URLconf: registered by a plugin at run time
    @method_decorator(csrf_exempt)
    @action(detail=False, methods=["post"])
    def upload(self, request):  # safe: DRF's SessionAuthentication checks the token whatever csrf_exempt says
        CartItem.objects.create(user=request.user, label=request.data["label"])
        return Response(status=201)
