from django.contrib.auth import get_user_model
from rest_framework import generics, viewsets
from rest_framework.response import Response
from rest_framework.permissions import IsAdminUser, IsAuthenticated

from .serializers import ProfileSerializer


class AccountViewSet(viewsets.ModelViewSet):  # want "view AccountViewSet lets every logged-in user change or delete any account"
    permission_classes = [IsAuthenticated]
    serializer_class = ProfileSerializer
    lookup_field = "uuid"

    def get_queryset(self):
        queryset = get_user_model().objects.all()
        email = self.request.query_params.get("email")
        if email is not None:
            queryset = queryset.filter(email=email)
        return queryset


class OwnAccountViewSet(viewsets.ModelViewSet):  # safe: the queryset holds the requester alone
    permission_classes = [IsAuthenticated]
    serializer_class = ProfileSerializer

    def get_queryset(self):
        return get_user_model().objects.filter(pk=self.request.user.pk)


class DirectoryViewSet(viewsets.ReadOnlyModelViewSet):  # safe: it only reads
    permission_classes = [IsAuthenticated]
    serializer_class = ProfileSerializer
    queryset = get_user_model().objects.all()


class StaffAccountViewSet(viewsets.ModelViewSet):  # safe: staff only
    permission_classes = [IsAdminUser]
    serializer_class = ProfileSerializer
    queryset = get_user_model().objects.all()


class AccountLanguageView(generics.UpdateAPIView):  # safe: its own put changes what it chooses
    permission_classes = [IsAuthenticated]
    queryset = get_user_model().objects.all()

    def put(self, request, *args, **kwargs):
        account = self.get_object()
        account.language = request.data["language"]
        account.save(update_fields=["language"])
        return Response()
