from functools import wraps

from django.http import JsonResponse


def scope_required(scope):
    """Lets through requests whose token (or session) has the scope."""

    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if not request.token:
                if request.identity:
                    pass  # signed in with the session's cookie
                else:
                    return JsonResponse({"error": "identity_token_required"}, status=401)
            elif not request.token.has_scope(scope):
                return JsonResponse({"error": "out_of_scope"}, status=403)
            return view(request, *args, **kwargs)

        return inner

    return decorator
