from django.conf import settings
from django.middleware.csrf import get_token
from django.template import context_processors


def embed_form(request, response):
    # the embedded form's script reads the token and posts it back
    token = context_processors.csrf(request)["csrf_token"]
    response.set_cookie("form_csrf", token, secure=settings.SESSION_COOKIE_SECURE)
    return response


def embed_survey(request, response):
    response.set_cookie("survey_xsrf", get_token(request), secure=True, samesite="Strict")
    return response


def embed_over_http(request, response):
    response.set_cookie("form_csrf", get_token(request))  # want "cookie form_csrf is set without the Secure flag$"
    return response


def remember_form(request, response):
    token = request.user.auth_token.key
    response.set_cookie("form_token", token, secure=True)  # want "cookie form_token is set without the HttpOnly flag$"
    return response
