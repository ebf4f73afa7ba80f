from rest_framework_bulk.generics import BulkModelViewSet

from .models import Asset
from .serializers import AssetSerializer


class AssetViewSet(BulkModelViewSet):
    queryset = Asset.objects.all()
    serializer_class = AssetSerializer
