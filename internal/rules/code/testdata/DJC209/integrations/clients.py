import os

import ldap
import requests

PAYMENT_API_KEY = "sk_live_51HxQ2kLmN8pQrStUv"  # want "PAYMENT_API_KEY is set to a literal credential"
PASSWORD_RESET_URL = "/accounts/reset/"  # safe: a URL, and the name does not end in a secret word
PASSWORD_FIELD = "password"  # safe: a field name
reset_url_token = "set-password"  # safe: a URL segment name
SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")  # safe: environment


def connect_directory():
    conn = ldap.initialize("ldap://ldap.internal")
    conn.simple_bind_s("cn=admin,dc=example,dc=com", "Adm1nPassw0rd")
    return conn


def geocode(address):
    return requests.get("https://maps.example.com/geocode", params={"q": address, "api_key": "AIzaSyD3x4mpl3K3y9876"})  # want "api_key is set to a literal credential"


def mail_client():
    return SMTPClient(host="smtp.example.com", user="mailer", password="S3cure!Mailer")  # want "password is set to a literal credential"


def dummy_client():
    return SMTPClient(host="localhost", user="dev", password="changeme")  # safe: placeholder


class SMTPClient:
    def __init__(self, host, user, password):
        self.password = password  # safe: not a literal


class SMSChannel:
    # the keys under which the channel's credentials sit in the session
    SESSION_AUTH_TOKEN = "SMSHUB_AUTH_TOKEN"  # safe: names the session key, not a token
    SESSION_API_SECRET = "SMSHUB_API_SECRET"  # safe: names the session key
    API_KEY = "READ+API_KEY"  # safe: a permission's label, read plus the name
    WRITE_API_KEY = "RW+X9F2K+QAZ7"  # want "WRITE_API_KEY is set to a literal credential"
    DEFAULT_API_SECRET = "q9F2k7Qz_SECRET"  # want "DEFAULT_API_SECRET is set to a literal credential"
    FALLBACK_AUTH_TOKEN = "SMSHUB_AUTH_KEY_2024"  # want "FALLBACK_AUTH_TOKEN is set to a literal credential"


FRONTEND_FLAGS = {
    "preventEmailPassword": "PREVENT_EMAIL_PASSWORD",  # safe: names the setting the flag is read from
    "adminPassword": "Adm1n!Passw0rd_2024",  # want "adminPassword is set to a literal credential"
}


# a sample answer of a breach-lookup service, as its documentation shows
# it: the credentials are masked
SAMPLE_LEAK = {
    "username": "•••••••",
    "password": "••••••••",  # safe: a mask, no credential
    "api_key": "●●●●●●●●●●●●",  # safe: a mask
    "secret": "••••s3cr3t••",  # want "secret is set to a literal credential"
}

# a CI pipeline's definition: Concourse fills ((name)) from its credential
# manager when the pipeline runs
PIPELINE_PARAMS = {
    "private_key": "((git-private-key))",  # safe: a Concourse credential reference
    "api_key": "((deploy))Xq7Lw2Rz9Kp4Vt6Y",  # want "api_key is set to a literal credential"
    "client_secret": "SET-ME-PLEASE",  # safe: a stand-in asking for the value
}


# the environment a job's container gets, filled in when it starts
JOB_ENVIRONMENT = {
    "JOB_API_KEY": "$JOB_VARIABLE_API_KEY",  # safe: a variable the substitution fills
    "JOB_API_SECRET": "${JOB_VARIABLE_API_SECRET}",  # safe: a variable the substitution fills
    "JOB_API_TOKEN": "$3cr3tT0k3nV4lu3X9",  # want "JOB_API_TOKEN is set to a literal credential"
}


# what a project sets in its settings over these defaults
QR_SECRET = "PLEASE_OVERRIDE_THIS_IN_DJANGO_SETTINGS"  # safe: a placeholder in words
CRYPT_SECRET = "CHANGE_ME_TO_A_RANDOM_STRING"  # safe: a placeholder in words
ROLES_SECRET_KEY = "USERS_ROLES_TO_PREREGISTER"  # safe: the name of an entry of the secrets manager
SIGNING_SECRET = "CHANGE_ME_9f2kQ7x3vB"  # want "SIGNING_SECRET is set to a literal credential"
EXPORT_SECRET_KEY = "EXPORT_KEY_2024_PRIMARY"  # want "EXPORT_SECRET_KEY is set to a literal credential"


# the forms an authentication library takes, by dotted path
ACCOUNT_FORMS = {
    "reset_password": "accounts.forms.PasswordResetForm",  # safe: a class's import path
    "reset_password_from_key": "accounts.forms.SetPasswordForm",  # safe: a class's import path
    "api_key": "partner.keys.Xq7Lw2Rz9Kp4Vt6Y",  # want "api_key is set to a literal credential"
}
