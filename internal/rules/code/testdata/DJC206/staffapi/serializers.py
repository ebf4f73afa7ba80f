from rest_framework import serializers

from .models import Project, Team


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = "__all__"  # want "TeamSerializer accepts every field of Team .*; every API view that takes it lets only staff or superusers in"


class ProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = "__all__"  # want "ProjectSerializer accepts every field of Project \\(fields = \"__all__\"\\), including owner: a client can set them$"
