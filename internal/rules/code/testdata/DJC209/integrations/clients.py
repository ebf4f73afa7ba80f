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
