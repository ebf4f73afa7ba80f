import functools

from django.http import JsonResponse


class GuardedCall:
    def __init__(self, func):
        self.func = func

    def __get__(self, obj, obj_type):
        return functools.partial(self.__call__, obj)

    def __call__(self, *args, **kwargs):
        self.request = args[1]
        if self.allowed():
            return self.func(*args, **kwargs)
        return JsonResponse({"error": "permission-denied"})

    def allowed(self):
        raise NotImplementedError()


class owner_required(GuardedCall):
    def allowed(self):
        user = self.request.user
        return user.is_authenticated and user.is_owner()


class timed(GuardedCall):
    # looks alike: runs the view whatever its test says
    def __call__(self, *args, **kwargs):
        self.request = args[1]
        if self.allowed():
            print("slow path")
        return self.func(*args, **kwargs)

    def allowed(self):
        return self.request.user.is_authenticated
