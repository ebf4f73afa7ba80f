SECRET_KEY = "x"
ROOT_URLCONF = "site.urls"
INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "rest_registration", "accounts"]
FRONTEND_URL = "https://app.example.com/"
REST_REGISTRATION = {
    "REGISTER_VERIFICATION_URL": FRONTEND_URL + "verify-user/",
    "REGISTER_VERIFICATION_EMAIL_TEMPLATES": {
        "html_body": "accounts/register/body.html",
        "text_body": "accounts/register/body.txt",
        "subject": "accounts/register/subject.txt",
    },
}
