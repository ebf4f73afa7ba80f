from rest_framework.views import APIView


class A(B):
    pass


class B(A):
    def get(self, request):
        return None


class PermA(PermB):
    pass


class PermB(PermA):
    pass


class Loop(APIView):
    permission_classes = [PermA]


def deco(view):
    return deco(view)


@deco
def looped(request):
    return looped(request)
