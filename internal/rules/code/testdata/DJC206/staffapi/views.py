from rest_framework import generics, permissions, viewsets

from .models import Alert, Catalog, Connector, Feed, Project, Shelf, SiteConfig, Team, Watch
from .permissions import HasModelPermission
from .serializers import AlertSerializer, CatalogSerializer, ConnectorSerializer, FeedSerializer, ProjectSerializer, ShelfSerializer, SiteConfigSerializer, TeamSerializer, WatchSerializer


class TeamAdmin(generics.ListCreateAPIView):
    # the people who run the site manage teams
    queryset = Team.objects.all()
    serializer_class = TeamSerializer
    permission_classes = [permissions.IsAdminUser]


class ProjectList(generics.ListCreateAPIView):
    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    permission_classes = [permissions.IsAuthenticated]


class CatalogViewSet(viewsets.ModelViewSet):
    # editing a catalog needs the model's change permission, as in the admin
    queryset = Catalog.objects.all()
    serializer_class = CatalogSerializer
    permission_classes = (HasModelPermission,)


class ShelfViewSet(viewsets.ModelViewSet):
    # looks alike: any logged-in user may edit a shelf
    queryset = Shelf.objects.all()
    serializer_class = ShelfSerializer
    permission_classes = (permissions.IsAuthenticated,)


class SiteConfigViewSet(viewsets.ModelViewSet):
    # only superusers configure the site
    queryset = SiteConfig.objects.all()
    serializer_class = SiteConfigSerializer
    permission_classes = (permissions.IsAdminUser,)


class AuditedListCreate(generics.ListCreateAPIView):
    # the project's base for its API: every write needs the model's permissions
    permission_classes = [HasModelPermission]


class ConnectorList(AuditedListCreate):
    # safe: the base's permission classes hold here too
    queryset = Connector.objects.all()
    serializer_class = ConnectorSerializer


class FeedList(AuditedListCreate):
    # looks alike: its own permission classes replace the base's
    queryset = Feed.objects.all()
    serializer_class = FeedSerializer
    permission_classes = [permissions.IsAuthenticated]


class AlertViewSet(viewsets.ModelViewSet):
    # each user sees the alerts they made, with the key of each
    serializer_class = AlertSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        return Alert.objects.filter(user=user).order_by("-id")


class WatchViewSet(viewsets.ModelViewSet):
    # looks alike: every watch of every user
    serializer_class = WatchSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Watch.objects.all().order_by("-id")
