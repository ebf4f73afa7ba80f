from functools import update_wrapper, wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from .models import Ballot, Counter, Voter


# the project's own login: the user is kept in the session, not in request.user
def get_voter(request):
    if "voter_id" in request.session:
        return Voter.objects.filter(pk=request.session["voter_id"]).first()
    return None


def get_logged_in_counter(request):
    if "counter_uuid" in request.session:
        return Counter.objects.filter(uuid=request.session["counter_uuid"]).first()
    return None


def voter_can_admin_ballot(voter, ballot):
    if not voter:
        return False
    return voter.site_admin or ballot.admin == voter


def ballot_admin(**checks):
    def decorator(func):
        def wrapper(request, ballot_uuid, *args, **kwargs):
            ballot = Ballot.objects.filter(uuid=ballot_uuid).first()
            if not ballot:
                raise Http404
            voter = get_voter(request)
            if not voter_can_admin_ballot(voter, ballot):
                raise PermissionDenied()
            return func(request, ballot, *args, **kwargs)

        return update_wrapper(wrapper, func)

    return decorator


def counter_check(func):
    def wrapper(request, ballot_uuid, counter_id, *args, **kwargs):
        counter = Counter.objects.filter(ballot__uuid=ballot_uuid, pk=counter_id).first()
        if counter == get_logged_in_counter(request):
            return func(request, counter, *args, **kwargs)
        raise PermissionDenied()

    return update_wrapper(wrapper, func)


def ballot_open(func):
    # looks alike: the question is asked of the ballot, not of who sends the request
    def wrapper(request, ballot_uuid, *args, **kwargs):
        ballot = Ballot.objects.filter(uuid=ballot_uuid).first()
        if not ballot_is_open(ballot):
            raise PermissionDenied()
        return func(request, ballot, *args, **kwargs)

    return update_wrapper(wrapper, func)


def ballot_is_open(ballot):
    return ballot is not None and not ballot.closed


def ballot_greeter(func):
    # looks alike: the answer to the question only changes the greeting
    def wrapper(request, ballot_uuid, *args, **kwargs):
        ballot = Ballot.objects.filter(uuid=ballot_uuid).first()
        if not voter_can_admin_ballot(get_voter(request), ballot):
            request.greeting = "Welcome, voter"
        return func(request, ballot, *args, **kwargs)

    return update_wrapper(wrapper, func)


class NoticeResponse(HttpResponse):
    # an htmx fragment that shows a message where the page asked
    def __init__(self, message):
        super().__init__("<div class='alert'>%s</div>" % message)


class Notice(NoticeResponse):
    pass


def permission_required_notice(perm):
    # the view runs only for users who have the permission; the others get
    # a notice, with the status of a page
    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if request.user.has_perms((perm,)):
                return view_func(request, *args, **kwargs)
            else:
                return Notice("You do not have the required permissions.")

        return wrapped

    return decorator


def notice_on_missing_permission(perm):
    # looks alike: the notice is shown, and the view runs all the same
    def decorator(view_func):
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perms((perm,)):
                request.notice = Notice("Read only.")
            return view_func(request, *args, **kwargs)

        return wrapped

    return decorator
