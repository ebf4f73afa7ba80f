import hmac

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpResponse, HttpResponseForbidden


def deploy_hook(request):
    token = request.headers.get("X-Deploy-Token", "")
    if token != "d3pl0y-2f9a7c":  # want "token is compared with a 13-character literal"
        return HttpResponseForbidden()
    return HttpResponse("deploying")


def backdoor(request):
    if request.POST.get("password") == "letmein!":  # want "password is compared with a 8-character literal"
        return HttpResponse("welcome")
    return HttpResponseForbidden()


def signed(request):
    if hmac.compare_digest(request.headers.get("X-Api-Key", ""), "k-91cbe7"):  # want "X-Api-Key is compared with a 8-character literal"
        return HttpResponse("ok")
    return HttpResponseForbidden()


def from_settings(request):  # safe: the secret comes from the settings
    if hmac.compare_digest(request.headers.get("X-Api-Key", ""), settings.API_KEY):
        return HttpResponse("ok")
    return HttpResponseForbidden()


def missing(request):  # safe: empty-string checks are presence tests
    password = request.POST.get("password", "")
    if password == "":
        return HttpResponse("password required", status=400)
    user = authenticate(request, username=request.POST["username"], password=password)
    return HttpResponse("ok" if user else "no")


def token_kind(request):  # safe: a name that describes a credential, not one
    token_type = request.POST.get("token_type")
    if token_type == "refresh":
        return HttpResponse("refresh")
    return HttpResponse("access")


def auth_scheme(request):  # safe: the scheme word is not a secret
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if token == "bearer":
        return HttpResponse("lowercase scheme")
    return HttpResponse("ok")


def import_source(options):  # safe: "anon" chooses anonymous access, it is no credential
    if options.get("token") == "anon":
        return None
    if options["password"] != "anonymous":
        return options["password"]
    return None


def update_password(user, new_password, stored):  # safe: markers that stand for a value kept elsewhere or asked for later
    if new_password and new_password != "$encrypted$":
        user.set_password(new_password)
    if stored.get("password") == "ASK":
        return "prompt on launch"
    return None


def scan_supers(node, blocks):  # safe: a template lexer's token compared with the block.super variable
    if node.filter_expression.token == "block.super":
        blocks.append(node)
    return blocks


def legacy_login(request):
    if request.GET.get("token") == "block.Super-k3":  # want "token is compared with a 14-character literal"
        return True
    return False


def ensure_db_user(params, create, update):  # safe: update_password says when to set it (Ansible's "always" or "on_create"), it holds none
    if params["password"] is None and params["update_password"] == "always":
        raise ValueError("password required")
    update_password = params["update_password"]
    if update_password != "on_create":
        update(params["user"], params["password"])


def rotate(request):
    reset_token = request.POST.get("reset_token")
    if reset_token == "always":  # safe: what to do with the token, not the token
        return True
    if request.POST.get("db_password") == "s3cr3t-pass":  # want "db_password is compared with a 11-character literal"
        return True
    return False


def needs_activation(order):  # safe: a user's password attribute is the stored hash, compared with a marker the project sets
    if order.customer.user and order.customer.user.password == "!!placeholder!!":
        return True
    return request_user_marker(order)


def request_user_marker(request):  # safe: the same on request.user
    return request.user.password == "//UNSET//"


def staff_check(request, account):
    if account.password == "hunter2-admin":  # want "password is compared with a 13-character literal"
        return True
    return False


def parse_query(tokens):  # safe: a query parser's token compared with its keywords
    token = tokens.pop()
    if token == "AND":
        return "and"
    if token == "OR":
        return "or"
    if token == "NOT_IN":
        return "not in"
    return None


def deploy_key(request):
    token = request.headers.get("X-Deploy-Token", "")
    if token != "DEPLOY2024KEY":  # want "token is compared with a 13-character literal"
        return None
    return token


def results(request):
    # ?rt=preview shows every row; another token narrows them to the
    # requester's: the word chooses a view, it opens nothing
    web_token = request.GET.get("rt")
    narrowed = web_token is not None and web_token != "preview"  # safe: a mode, not a credential
    return HttpResponse("narrowed" if narrowed else "all")


def staging_gate(request):
    token = request.GET.get("token", "")
    if token != "preview-9f3a7c":  # want "token is compared with a 14-character literal"
        return HttpResponse(status=403)
    return HttpResponse("ok")


def parse_usage(tokens):
    # a command-line grammar's parser: its tokens are words of the grammar
    token = tokens.pop(0)
    if token == "options":  # safe: a keyword of the grammar
        return "options"
    return token


def service_gate(request):
    token = request.headers.get("X-Service-Token", "")
    if token == "svc7x2k9q4":  # want "token is compared with a 10-character literal"
        return HttpResponse("ok")
    return HttpResponse(status=403)


def refresh_button(request):  # safe: the submit button named refresh_token sends its own name
    if request.POST.get("refresh_token") == "refresh_token":
        return HttpResponse("refreshed")
    return HttpResponse(status=204)


def refresh_code(request):
    if request.POST.get("refresh_token") == "rt-9f2c81ab":  # want "refresh_token is compared with a 11-character literal"
        return HttpResponse("refreshed")
    return HttpResponse(status=204)


def stored_password(repo):
    password = repo.encrypted_password
    # an old release stored "\tNone" for no password: a marker, not one
    if not password or password == "\tNone":  # safe: a marker with a stray tab
        return None
    if password == "\t9f2c81abX":  # want "password is compared with a 10-character literal"
        return None
    return password


class KeywordFilter:
    # a text's words checked against a list of words too common to
    # index: str_token is a word of a title, not a credential
    def is_common(str_token):  # safe: one name compared with many plain words
        if (
            str_token == "week"
            or str_token == "weeks"
            or str_token == "headline"
            or str_token == "update"
        ):
            return True
        return False

    def is_stop(word_token):
        if word_token == "quarter":  # want "word_token is compared with a 7-character literal"
            return True
        return word_token == "semester"  # want "word_token is compared with a 8-character literal"
