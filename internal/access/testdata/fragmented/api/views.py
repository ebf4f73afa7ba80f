from rest_framework import generics


class VoucherCreate(generics.CreateAPIView):
    def perform_create(self, serializer):
        serializer.save(by=self.request.user)
