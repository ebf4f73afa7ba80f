from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.models import Order


class IsOwner(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.is_staff


class Anyone(permissions.BasePermission):
    def has_permission(self, request, view):
        return True


class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()


class Health(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        return Response({"ok": True})


class Report(APIView):
    permission_classes = [IsOwner]

    def get(self, request):
        return Response({})


class Open(APIView):
    permission_classes = (Anyone,)

    def get(self, request):
        return Response({})


@api_view(["GET", "POST"])
@permission_classes([permissions.IsAdminUser])
def stats(request):
    return Response({})


class BannerViewSet(viewsets.ViewSet):
    @action(detail=False, methods=["post"], permission_classes=[permissions.IsAdminUser])
    def publish(self, request):
        return Response({"published": True})

    @action(detail=False, methods=["post"], permission_classes=[permissions.IsAdminUser])
    def withdraw(self, request):
        return Response({"withdrawn": True})


class NoticeViewSet(viewsets.ViewSet):
    @action(detail=False, methods=["post"], permission_classes=[permissions.IsAdminUser])
    def publish(self, request):
        return Response({"published": True})

    @action(detail=False, methods=["post"])
    def dismiss(self, request):
        return Response({"dismissed": True})
