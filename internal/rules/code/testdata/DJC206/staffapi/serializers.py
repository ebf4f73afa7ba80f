from rest_framework import serializers

from .models import Alert, Catalog, Connector, Feed, Project, Shelf, SiteConfig, Team, Watch


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = "__all__"  # want "TeamSerializer accepts every field of Team .*; every API view that takes it lets only staff, superusers or users given the model.s permissions in"


class ProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = "__all__"  # want "ProjectSerializer accepts every field of Project \\(fields = \"__all__\"\\), including owner: a client can set them$"


class CatalogSerializer(serializers.ModelSerializer):
    class Meta:
        model = Catalog
        fields = "__all__"  # want "CatalogSerializer accepts every field of Catalog .*; every API view that takes it lets only staff, superusers or users given the model.s permissions in"


class ShelfSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shelf
        fields = "__all__"  # want "ShelfSerializer accepts every field of Shelf \\(fields = \"__all__\"\\), including groups: a client can set them$"


class SiteConfigSerializer(serializers.ModelSerializer):
    class Meta:
        model = SiteConfig
        fields = "__all__"  # want "SiteConfigSerializer serializes every field of SiteConfig \\(fields = \"__all__\"\\), including slack_token, webhook_secret; every API view that takes it lets only staff"


class ConnectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Connector
        fields = "__all__"  # want "ConnectorSerializer serializes every field of Connector .*including client_secret; every API view that takes it lets only staff"


class FeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Feed
        fields = "__all__"  # want "FeedSerializer serializes every field of Feed \\(fields = \"__all__\"\\), including api_token$"


class AlertSerializer(serializers.ModelSerializer):
    user = serializers.HiddenField(default=serializers.CurrentUserDefault())

    class Meta:
        model = Alert
        fields = "__all__"  # want "AlertSerializer serializes every field of Alert .*including secret_key; but they are read-only, and every API view that takes it serves only the requester's own rows"
        read_only_fields = ("secret_key",)


class WatchSerializer(serializers.ModelSerializer):
    user = serializers.HiddenField(default=serializers.CurrentUserDefault())

    class Meta:
        model = Watch
        fields = "__all__"  # want "WatchSerializer serializes every field of Watch \\(fields = \"__all__\"\\), including secret_key$"
        read_only_fields = ("secret_key",)
