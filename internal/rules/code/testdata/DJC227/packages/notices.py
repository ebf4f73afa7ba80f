from .models import Package


class Notices(list):
    """Notices shown on the next page, kept in the requester's session."""

    def __init__(self, request):
        super().__init__(request.session.get("notices", []))
        self.session = request.session

    def save(self):
        self.session["notices"] = list(self)


class Tally(list):
    """Looks alike: a list whose save counts into a row."""

    def __init__(self, package):
        super().__init__()
        self.package = package

    def save(self):
        Package.objects.filter(pk=self.package.pk).update(number_of_downloads=len(self))


def add_notice(request, text):
    notices = Notices(request)
    notices.append(text)
    notices.save()
