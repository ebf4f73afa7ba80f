from rest_framework.routers import DefaultRouter

from .viewsets import EntryViewSet

api_router = DefaultRouter()
api_router.register("entries", EntryViewSet)
