from rest_framework import authentication, exceptions


class BearerOnly(authentication.BaseAuthentication):
    """Refuses a request without a valid bearer token: it never hands DRF None."""

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            raise exceptions.AuthenticationFailed("a bearer token is required")
        user = lookup_bearer(header[7:])
        if user is None:
            raise exceptions.AuthenticationFailed("unknown token")
        return user, header[7:]


class BearerIfSent(authentication.BaseAuthentication):
    """The usual kind: no header, no opinion (None), and DRF goes on anonymously."""

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        return lookup_bearer(header[7:]), header[7:]


class BearerFallsThrough(authentication.BaseAuthentication):
    """Falls off its end without a header: None again."""

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return lookup_bearer(header[7:]), header[7:]


class BearerDispatched(authentication.BaseAuthentication):
    """Refuses a request without the header first, then hands the token to
    whichever handler takes it: none returns None for a missing header."""

    def authenticate(self, request):
        auth = request.META.get("HTTP_AUTHORIZATION")
        if auth is None:
            raise exceptions.AuthenticationFailed("not logged in")
        try:
            for handler in TOKEN_HANDLERS:
                if handler.supports(request, auth):
                    return handler.handle(request, auth)
            raise exceptions.AuthenticationFailed("unknown token")
        except exceptions.APIException:
            raise


class BearerDispatchedNoted(authentication.BaseAuthentication):
    """Looks alike: a missing header is only logged, and the handlers may
    hand back None."""

    def authenticate(self, request):
        auth = request.META.get("HTTP_AUTHORIZATION")
        if auth is None:
            print("no header")
        for handler in TOKEN_HANDLERS:
            if handler.supports(request, auth):
                return handler.handle(request, auth)


TOKEN_HANDLERS = []


def lookup_bearer(token):
    from rest_framework.authtoken.models import Token

    return Token.objects.select_related("user").get(key=token).user
