from rest_framework import generics, permissions

from .models import Project, Team
from .serializers import ProjectSerializer, TeamSerializer


class TeamAdmin(generics.ListCreateAPIView):
    # the people who run the site manage teams
    queryset = Team.objects.all()
    serializer_class = TeamSerializer
    permission_classes = [permissions.IsAdminUser]


class ProjectList(generics.ListCreateAPIView):
    queryset = Project.objects.all()
    serializer_class = ProjectSerializer
    permission_classes = [permissions.IsAuthenticated]
