from django.conf import settings
from django.http import JsonResponse

USER_MESSAGE_COOKIE = "user-message"  # a message for the page's script to show


def remember(request):
    response = JsonResponse({"ok": True})
    response.set_cookie("remember_token", request.user.profile.token, max_age=3600 * 24 * 30)  # want "cookie remember_token is set without the Secure and HttpOnly flag$"
    response.set_cookie("theme", "dark", httponly=True)  # want "cookie theme is set without the Secure flag; neither its name nor its value says it protects anything"
    response.set_cookie("cart", "1", secure=True)  # want "cookie cart is set without the HttpOnly flag; neither"
    response.set_cookie("lang", "en", secure=True, httponly=True, samesite="Lax")  # safe: both flags
    response.set_cookie("sid", "x", secure=settings.SESSION_COOKIE_SECURE, httponly=True)  # safe: flag from settings
    response.delete_cookie("old")  # safe: deletion
    response.set_cookie("userLoggedIn", "true", secure=True)  # want "cookie userLoggedIn is set without the HttpOnly flag; its value is the literal \"true\", the same for every client"
    response.set_cookie("gone", max_age=0, expires="Thu, 01 Jan 1970 00:00:00 GMT")  # safe: deletes the cookie
    response.set_cookie(USER_MESSAGE_COOKIE, request.GET.get("notice", ""), secure=True)  # want "cookie user-message is set without the HttpOnly flag; neither its name nor its value says it protects anything"
    response.set_cookie("user_email", request.user.email, secure=True)  # want "cookie user_email is set without the HttpOnly flag$"
    response.set_cookie("csp_nonce", request.csp_nonce, secure=True, samesite="Strict")  # want "cookie csp_nonce is set without the HttpOnly flag; neither its name nor its value says it protects anything"
    response.set_cookie("csp_session", request.session.session_key, secure=True)  # want "cookie csp_session is set without the HttpOnly flag$"
    response.set_cookie(settings.VISITOR_COOKIE_NAME, request.user.pk, secure=True)  # want "a cookie is set without the HttpOnly flag$"
    response.set_cookie("session_public_key", request.session["public_key"], secure=True)  # want "cookie session_public_key is set without the HttpOnly flag; neither its name nor its value says it protects anything"
    response.set_cookie("session_private_key", request.session["private_key"], secure=True)  # want "cookie session_private_key is set without the HttpOnly flag$"
    response.set_cookie("login_redirect", request.GET.get("next", "/"), max_age=3600)  # want "cookie login_redirect is set without the Secure and HttpOnly flag; neither its name nor its value says it protects anything"
    response.set_cookie("login_token", request.GET.get("t", ""), max_age=3600)  # want "cookie login_token is set without the Secure and HttpOnly flag$"
    return response


def save_preferences(request, language):
    response = JsonResponse({"ok": True})
    response.set_cookie(  # want "a cookie is set without the HttpOnly flag; neither"
        key=settings.LANGUAGE_COOKIE_NAME,
        value=language,
        max_age=request.session.get_expiry_age(),
        secure=settings.SESSION_COOKIE_SECURE,
    )
    response.set_cookie(settings.SESSION_COOKIE_NAME, request.session.session_key, secure=True)  # want "a cookie is set without the HttpOnly flag$"
    response.set_cookie("auth", make_jwt(request.user), httponly=True)  # want "cookie auth is set without the Secure flag$"
    return response


def make_jwt(user):
    return "header.payload.signature"


def lab_login(request, name):
    response = JsonResponse({"ok": True})
    response.set_cookie("admin", "1", max_age=200)  # want "cookie admin is set without the Secure and HttpOnly flag; its value is the literal \"1\""
    response.set_cookie("admin_role", request.user.role, max_age=200)  # want "cookie admin_role is set without the Secure and HttpOnly flag$"
    response.set_cookie("consent", "yes", max_age=3600)  # want "cookie consent is set without the Secure and HttpOnly flag; neither"
    return response


def lab_remember(request, username, expiry):
    response = JsonResponse({"ok": True})
    value = f"{username}|{expiry}"
    response.set_cookie("lab", value)  # want "cookie lab is set without the Secure and HttpOnly flag$"
    banner = "shown"
    response.set_cookie("banner", banner)  # want "cookie banner is set without the Secure and HttpOnly flag; neither"
    return response


def renew_language(request):
    response = JsonResponse({"ok": True})
    language = request.user.config.get("locale.language")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, secure=True)  # want "a cookie is set without the HttpOnly flag; neither"
    return response


class LocaleCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.preferred_language)  # want "a cookie is set without the Secure and HttpOnly flag; neither"
        return response


def switch_language(request):
    response = JsonResponse({"ok": True})
    user_language = request.POST["language"]
    # the user's language: a preference, not who the user is
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user_language)  # want "a cookie is set without the Secure and HttpOnly flag; neither"
    user_account = request.user.username
    response.set_cookie("last_seen", user_account)  # want "cookie last_seen is set without the Secure and HttpOnly flag$"
    return response


def start_testing(request, kind):
    roles = {"student": "Student", "teacher": "Teacher"}
    role = roles.get(kind)
    response = JsonResponse({"ok": True})
    response.set_cookie("testing_role", role, path="/")  # want "cookie testing_role is set without the Secure and HttpOnly flag; its value is one of the literals \"Student\", \"Teacher\""
    picked = request.GET.get("role", "Student")
    response.set_cookie("picked_role", picked)  # want "cookie picked_role is set without the Secure and HttpOnly flag$"
    levels = {"basic": "Basic", "staff": request.user.level}
    level = levels[kind]
    response.set_cookie("access_level", level)  # want "cookie access_level is set without the Secure and HttpOnly flag$"
    return response
