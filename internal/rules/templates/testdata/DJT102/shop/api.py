from rest_framework import generics, serializers, viewsets

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


class FeedSerializer(serializers.Serializer):
    latest = BulletinSerializer(read_only=True)


class BulletinList(generics.ListAPIView):
    queryset = Bulletin.objects.all()
    serializer_class = BulletinSerializer


class BulletinNotes(viewsets.ModelViewSet):
    queryset = Bulletin.objects.all()
    serializer_class = BulletinNoteSerializer


def feed(request):
    return FeedSerializer({"latest": Bulletin.objects.last()}).data
