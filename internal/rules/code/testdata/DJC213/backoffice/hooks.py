from django.urls import include, path

from backoffice.urls import reports as report_urls


def register_admin_urls():
    # A hook the CMS calls: it mounts what it returns under its admin, behind
    # the admin's login, where no URLconf of the project says.
    return [path("reports/", include(report_urls))]
