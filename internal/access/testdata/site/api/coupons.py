from rest_framework import permissions, viewsets


class CouponViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAdminUser]

    def list(self, request):
        return None


def add_coupon_urls(router):
    # the coupons app registers its own views on the router it is given
    router.register("coupons", CouponViewSet, basename="coupon")
    return router
