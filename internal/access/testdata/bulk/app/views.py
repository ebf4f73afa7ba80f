from rest_framework_bulk.generics import BulkModelViewSet
from saas_toolkit.ext.viewsets import ReadAndDeleteViewSet

from .models import Asset
from .serializers import AssetSerializer


class AssetViewSet(BulkModelViewSet):
    queryset = Asset.objects.all()
    serializer_class = AssetSerializer


class ScanViewSet(ReadAndDeleteViewSet):
    """A viewset whose DRF base comes from a library the tree does not hold:
    the router routes it, so DRF's default permissions apply."""

    queryset = Asset.objects.all()

    def rescan(self, request, pk=None):
        self.get_object().save()
