import ldap
from django.conf import settings
from django.http import JsonResponse
from ldap.filter import escape_filter_chars

BASE_DN = "ou=people,dc=example,dc=com"


def connect():
    conn = ldap.initialize(settings.LDAP_URI)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    return conn


def people(request):
    name = request.GET.get("name", "")
    conn = connect()
    found = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(cn=*" + name + "*)")  # want "LDAP filter built from request data \\(request.GET.get\\(.name., ..\\)\\) reaches conn.search_s"
    safe = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(cn=*%s*)" % escape_filter_chars(name))  # safe: escaped
    return JsonResponse({"n": len(found) + len(safe)})


def group_members(request, group):
    conn = connect()
    found = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, f"(memberOf=cn={group},ou=groups,dc=example,dc=com)")  # want "URL path parameter group"
    return JsonResponse({"n": len(found)})
