from rest_framework import generics, permissions, serializers, viewsets

from .models import Bulletin


class BulletinSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bulletin
        fields = ["bulletin_html"]


class BulletinNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bulletin
        fields = ["note_html", "teaser_html"]
        read_only_fields = ["teaser_html"]


class BulletinErrataSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bulletin
        fields = ["errata_html", "reply_to"]


# a class named with a lower-case last word is a serializer all the same
class BulletinDigestserializer(serializers.ModelSerializer):
    class Meta:
        model = Bulletin
        fields = ["digest_html"]


class FeedSerializer(serializers.Serializer):
    latest = BulletinSerializer(read_only=True)
    digest = BulletinDigestserializer(read_only=True)


class BulletinList(generics.ListAPIView):
    queryset = Bulletin.objects.all()
    serializer_class = BulletinSerializer


class BulletinNotes(viewsets.ModelViewSet):
    queryset = Bulletin.objects.all()
    serializer_class = BulletinNoteSerializer


class BulletinErrata(viewsets.ModelViewSet):
    # DRF grants a write only when every class does: a user without the
    # model's change permission is refused
    queryset = Bulletin.objects.all()
    serializer_class = BulletinErrataSerializer
    permission_classes = [permissions.DjangoModelPermissionsOrAnonReadOnly, permissions.IsAuthenticated]


def feed(request):
    return FeedSerializer({"latest": Bulletin.objects.last()}).data
