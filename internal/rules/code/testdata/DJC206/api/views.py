from rest_framework import generics, viewsets

from . import serializers
from .serializers import ClientSerializer, MemberSerializer, UserSerializer


class UserViewSet(viewsets.ModelViewSet):
    serializer_class = UserSerializer


class MemberList(generics.ListCreateAPIView):
    serializer_class = MemberSerializer


class ClientDetail(generics.RetrieveUpdateAPIView):
    def get_serializer_class(self):
        if self.request.method == "GET":
            return ClientSerializer
        return serializers.ClientWriteSerializer


class TagList(generics.ListCreateAPIView):
    serializer_class = serializers.TagSerializer


class AccountList(generics.ListCreateAPIView):
    serializer_class = serializers.AccountSerializer


class DocumentList(generics.ListCreateAPIView):
    serializer_class = serializers.DocumentSerializer


class OwnedDocumentList(generics.ListCreateAPIView):
    serializer_class = serializers.OwnedDocumentSerializer


class DeclaredOwnerList(generics.ListCreateAPIView):
    serializer_class = serializers.DeclaredOwnerSerializer
